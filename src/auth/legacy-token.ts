import ipaddr from 'ipaddr.js';
import type { SessionPrincipal } from '../access/principal.js';
import { accessErrors } from '../access/errors.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import type { SessionService } from './session-service.js';

/** Address ranges a legacy `?token=` may come from: this machine and the local network. */
const LOCAL_RANGES = new Set(['loopback', 'private', 'uniqueLocal', 'linkLocal']);

export function isLocalAddress(ip: string): boolean {
  return ipaddr.isValid(ip) && LOCAL_RANGES.has(ipaddr.process(ip).range());
}

/**
 * The old `?token=<access token>` for players that can neither send headers
 * nor use signed URLs. Off unless ALLOW_LEGACY_TOKEN_LOGIN; when on, only for
 * GET and HEAD, only from loopback or private addresses, and every use is
 * audited, because a token in a URL ends up in histories and proxy logs.
 */
export async function legacyTokenPrincipal(
  request: { method: string; url: string; ip: string; id: string },
  deps: { sessions: SessionService; audit: AuditLog },
): Promise<SessionPrincipal | undefined> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const token = new URLSearchParams(request.url.split('?')[1] ?? '').get('token');
  if (!token) return undefined;
  const local = isLocalAddress(request.ip);
  const principal = local ? await deps.sessions.authenticate('bearer', token, request.ip) : undefined;
  await deps.audit.record({
    action: 'auth.legacy_token_used',
    result: principal ? 'success' : 'denied',
    actor: principal ? { type: 'user', id: principal.userId } : { type: 'anonymous' },
    ip: request.ip,
    requestId: request.id,
    target: request.url.split('?')[0]!.slice(0, 256),
    details: principal ? {} : { reason: local ? 'invalid_token' : 'not_local' },
  });
  if (!local) throw new AppError(accessErrors.legacy_token_refused);
  return principal;
}
