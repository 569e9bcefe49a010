import type { PublicUser } from './user-store.js';
import { newToken, tokenHash } from './session-tokens.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import type { Mailer } from '../ops/mailer.js';
import { authErrors } from './errors.js';
import type { LoginService } from './login-service.js';
import type { LoginThrottle } from './login-throttle.js';
import { consumeMagicLink, findUsableLink, findUserByEmail, insertMagicLink } from './magic-link-store.js';
import { normaliseEmail } from './password-policy.js';
import type { ClientInfo, SessionService, StartedSession } from './session-service.js';
import type { SecondFactorInput } from './totp-service.js';

/** Sends allowed per email address and per client address in the window. */
const SENDS_PER_WINDOW = 3;
const SEND_WINDOW_MS = 10 * 60_000;

export type MagicLinkService = ReturnType<typeof createMagicLinkService>;

/**
 * Sign-in links by mail. A request always gets the same 202, and the mail goes
 * out in the background, so neither the answer nor its timing tells whether an
 * address has an account. A link (128+ bits, only its hash stored) works once,
 * for 10 minutes, for the user and address it was sent to. It is a first
 * factor only: an account with 2FA still has to give a code.
 */
export function createMagicLinkService(deps: {
  db: Db;
  mailer: Mailer;
  throttle: LoginThrottle;
  login: LoginService;
  sessions: SessionService;
  audit: AuditLog;
  publicUrl: string | undefined;
  ttlMs: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const enabled = deps.mailer.enabled && deps.publicUrl !== undefined;

  function requireEnabled(): void {
    if (!enabled) throw new AppError(authErrors.magic_links_disabled);
  }

  async function request(rawEmail: string, client: ClientInfo): Promise<void> {
    requireEnabled();
    const email = normaliseEmail(rawEmail);
    const emailOk = await deps.throttle.withinLimit(`ml-email:${email}`, SENDS_PER_WINDOW, SEND_WINDOW_MS);
    const ipOk = await deps.throttle.withinLimit(`ml-ip:${client.ip}`, SENDS_PER_WINDOW, SEND_WINDOW_MS);
    const user = await findUserByEmail(deps.db, email);
    const reason = !emailOk || !ipOk ? 'rate_limited' : !user ? 'unknown_email' : user.disabled_at ? 'disabled' : !user.email_verified_at ? 'unverified_email' : undefined;
    await deps.audit.record({
      action: 'auth.magic_link_requested',
      result: reason ? 'denied' : 'success',
      actor: user ? { type: 'user', id: user.id } : { type: 'anonymous' },
      ip: client.ip,
      requestId: client.requestId,
      details: { email, ...(reason && { reason }) },
    });
    if (reason || !user) return;

    const at = now();
    const { token, hash } = newToken('magic');
    await insertMagicLink(deps.db, { tokenHash: hash, userId: user.id, email, purpose: 'sign_in', now: at.toISOString(), expiresAt: new Date(at.getTime() + deps.ttlMs).toISOString() });
    const link = `${deps.publicUrl}/auth/magic-link#token=${token}`;
    const minutes = Math.round(deps.ttlMs / 60_000);
    // Not awaited: the answer must not wait on (or reveal) the mail server.
    void deps.mailer
      .send({
        to: email,
        subject: 'Your Sakuga sign-in link',
        text: `Open this link to sign in to Sakuga as ${user.username}:\n\n${link}\n\nIt works once, for ${minutes} minutes. If you did not ask for it, ignore this mail.\n`,
      })
      .catch((error: unknown) =>
        deps.audit.record({
          action: 'auth.magic_link_send_failed',
          result: 'failure',
          actor: { type: 'user', id: user.id },
          requestId: client.requestId,
          details: { error: (error as Error).message },
        }),
      );
  }

  async function verify(
    token: string,
    input: SecondFactorInput & { mode: 'token' | 'cookie' },
    client: ClientInfo,
  ): Promise<{ user: PublicUser; session: StartedSession }> {
    requireEnabled();
    const hash = tokenHash('magic', token);
    const at = now().toISOString();
    const link = hash ? await findUsableLink(deps.db, hash, at) : undefined;
    const fail = async (reason: string) => {
      await deps.audit.record({ action: 'auth.magic_link_used', result: 'denied', actor: { type: 'anonymous' }, ip: client.ip, requestId: client.requestId, details: { reason } });
      return new AppError(authErrors.invalid_token);
    };
    if (!hash || !link) throw await fail('unknown_used_or_expired');

    // A link is never a second factor: 2FA accounts give a code here, like every other sign-in.
    if (link.totp_enabled_at !== null) await deps.login.requireSecondFactor(link.user_id, input, client);
    if (!(await consumeMagicLink(deps.db, hash, 'sign_in', at))) throw await fail('already_used');

    return deps.login.finishSignIn(link.user_id, input.mode, client, { method: 'magic_link' });
  }

  return { enabled, request, verify };
}
