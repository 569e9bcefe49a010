import type { Principal } from '../access/principal.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import type { Mail, Mailer } from '../ops/mailer.js';
import { authErrors } from './errors.js';
import { changeEmail, consumeMagicLink, findEmailOf, insertMagicLink, markEmailVerified } from './magic-link-store.js';
import { normaliseEmail } from './password-policy.js';
import type { ClientInfo } from './session-service.js';
import { newToken, tokenHash } from './session-tokens.js';

/** A verification link waits a day: the mail may be read on another device, later. */
const VERIFY_TTL_MS = 24 * 60 * 60_000;

export interface EmailState {
  readonly email: string | null;
  readonly email_verified: boolean;
}

export type EmailService = ReturnType<typeof createEmailService>;

/**
 * A person's own email address. Changing it (in sudo mode) leaves it
 * unverified until a link mailed to the new address is opened; only verified
 * addresses receive sign-in links or let single sign-on link an account, so a
 * mistyped (or planted) address never opens the account to its owner. The old
 * address is told about the change.
 */
export function createEmailService(deps: { db: Db; mailer: Mailer; audit: AuditLog; publicUrl: string | undefined; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const canMail = deps.mailer.enabled && deps.publicUrl !== undefined;

  function sendInBackground(userId: string, requestId: string, mail: Mail): void {
    // Not awaited: the answer must not wait on (or reveal) the mail server.
    void deps.mailer.send(mail).catch((error: unknown) =>
      deps.audit.record({ action: 'auth.email_send_failed', result: 'failure', actor: { type: 'user', id: userId }, requestId, details: { error: (error as Error).message } }),
    );
  }

  async function current(userId: string): Promise<EmailState> {
    const row = await findEmailOf(deps.db, userId);
    return { email: row?.email ?? null, email_verified: Boolean(row?.email && row.email_verified_at) };
  }

  async function change(principal: Principal, rawEmail: string | null, client: ClientInfo): Promise<EmailState & { verification_sent: boolean }> {
    const email = rawEmail === null ? null : normaliseEmail(rawEmail);
    const before = await current(principal.userId);
    if (email === before.email && (before.email_verified || email === null)) return { ...before, verification_sent: false };

    const at = now();
    await changeEmail(deps.db, principal.userId, email, at.toISOString()).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new AppError(authErrors.email_taken) : error;
    });
    await deps.audit.record({
      action: 'auth.email_change',
      result: 'success',
      actor: { type: 'user', id: principal.userId },
      ip: client.ip,
      requestId: client.requestId,
      details: { email, previous_email: before.email },
    });

    if (canMail && before.email && before.email !== email) {
      sendInBackground(principal.userId, client.requestId, {
        to: before.email,
        subject: 'Your Sakuga email address was changed',
        text: `The email address of the Sakuga account ${principal.username} was changed${email ? ` to ${email}` : ''}.\n\nIf you did not do this, sign in, change your password and end your other sessions, or tell your Sakuga admin.\n`,
      });
    }
    if (!canMail || email === null) return { email, email_verified: false, verification_sent: false };

    const { token, hash } = newToken('verify');
    await insertMagicLink(deps.db, { tokenHash: hash, userId: principal.userId, email, purpose: 'verify_email', now: at.toISOString(), expiresAt: new Date(at.getTime() + VERIFY_TTL_MS).toISOString() });
    sendInBackground(principal.userId, client.requestId, {
      to: email,
      subject: 'Confirm your Sakuga email address',
      text: `Open this link to confirm this address for the Sakuga account ${principal.username}:\n\n${deps.publicUrl}/auth/verify-email#token=${token}\n\nIt works once, for 24 hours. If you did not ask for it, ignore this mail.\n`,
    });
    return { email, email_verified: false, verification_sent: true };
  }

  /** Opens a mailed verification link: once, within a day, and only while the address is unchanged. */
  async function verify(token: string, client: ClientInfo): Promise<EmailState> {
    const hash = tokenHash('verify', token);
    const at = now().toISOString();
    const link = hash ? await consumeMagicLink(deps.db, hash, 'verify_email', at) : undefined;
    const verified = link ? await markEmailVerified(deps.db, link.user_id, link.email, at) : false;
    await deps.audit.record({
      action: 'auth.email_verified',
      result: verified ? 'success' : 'denied',
      actor: link ? { type: 'user', id: link.user_id } : { type: 'anonymous' },
      ip: client.ip,
      requestId: client.requestId,
      details: verified ? { email: link!.email } : { reason: link ? 'address_changed' : 'unknown_used_or_expired' },
    });
    if (!verified) throw new AppError(authErrors.invalid_token);
    return { email: link!.email, email_verified: true };
  }

  return { current, change, verify };
}
