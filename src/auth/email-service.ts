import type { Principal } from '../access/principal.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import type { Mail, Mailer } from '../ops/mailer.js';
import { authErrors } from './errors.js';
import { consumeMagicLink, findEmailOf, insertMagicLink, removeEmail, setVerifiedEmail } from './magic-link-store.js';
import { normaliseEmail } from './password-policy.js';
import type { ClientInfo } from './session-service.js';
import { newToken, tokenHash } from './session-tokens.js';

/** A confirmation link waits a day: the mail may be read on another device, later. */
const VERIFY_TTL_MS = 24 * 60 * 60_000;

export interface EmailState {
  readonly email: string | null;
  readonly email_verified: boolean;
}

export type EmailService = ReturnType<typeof createEmailService>;

/**
 * A person's own email address. A new address (asked for in sudo mode) takes
 * effect only once the link mailed to it is opened, so a mistyped or planted
 * address never receives sign-in links for the account, and the answer to the
 * request is the same whether or not another account uses that address (it
 * reveals no one's email). The old address is told when the change happens.
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

  const record = (result: 'success' | 'denied', userId: string | undefined, client: ClientInfo, action: string, details: Record<string, unknown>) =>
    deps.audit.record({ action, result, actor: userId ? { type: 'user', id: userId } : { type: 'anonymous' }, ip: client.ip, requestId: client.requestId, details });

  async function current(userId: string): Promise<EmailState> {
    const row = await findEmailOf(deps.db, userId);
    return { email: row?.email ?? null, email_verified: Boolean(row?.email && row.email_verified_at) };
  }

  /** Asks for a new address (a confirmation link goes to it), or removes the address with `null`. */
  async function change(principal: Principal, rawEmail: string | null, client: ClientInfo): Promise<EmailState & { confirmation_sent: boolean }> {
    const before = await current(principal.userId);
    if (rawEmail === null) {
      await removeEmail(deps.db, principal.userId, now().toISOString());
      await record('success', principal.userId, client, 'auth.email_removed', { previous_email: before.email });
      return { email: null, email_verified: false, confirmation_sent: false };
    }
    const email = normaliseEmail(rawEmail);
    if (email === before.email && before.email_verified) return { ...before, confirmation_sent: false };
    if (!canMail) throw new AppError(authErrors.email_change_unavailable);

    const at = now();
    const { token, hash } = newToken('verify');
    await insertMagicLink(deps.db, { tokenHash: hash, userId: principal.userId, email, purpose: 'verify_email', now: at.toISOString(), expiresAt: new Date(at.getTime() + VERIFY_TTL_MS).toISOString() });
    await record('success', principal.userId, client, 'auth.email_change_requested', { email });
    sendInBackground(principal.userId, client.requestId, {
      to: email,
      subject: 'Confirm your Sakuga email address',
      text: `Open this link to make this the email address of the Sakuga account ${principal.username}:\n\n${deps.publicUrl}/auth/confirm-email#token=${token}\n\nIt works once, for 24 hours. If you did not ask for it, ignore this mail.\n`,
    });
    return { ...before, confirmation_sent: true };
  }

  /** Opens a confirmation link: once, within a day; the address becomes the account's, verified. */
  async function confirm(token: string, client: ClientInfo): Promise<EmailState> {
    const hash = tokenHash('verify', token);
    const at = now().toISOString();
    const link = hash ? await consumeMagicLink(deps.db, hash, 'verify_email', at) : undefined;
    if (!link) {
      await record('denied', undefined, client, 'auth.email_changed', { reason: 'unknown_used_or_expired' });
      throw new AppError(authErrors.invalid_token);
    }
    const before = await current(link.user_id);
    try {
      await setVerifiedEmail(deps.db, link.user_id, link.email, at);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await record('denied', link.user_id, client, 'auth.email_changed', { reason: 'email_taken' });
      throw new AppError(authErrors.email_taken);
    }
    await record('success', link.user_id, client, 'auth.email_changed', { email: link.email, previous_email: before.email });
    if (before.email && before.email !== link.email) {
      sendInBackground(link.user_id, client.requestId, {
        to: before.email,
        subject: 'Your Sakuga email address was changed',
        text: `The email address of your Sakuga account was changed to ${link.email}.\n\nIf you did not do this, sign in, change your password and end your other sessions, or tell your Sakuga admin.\n`,
      });
    }
    return { email: link.email, email_verified: true };
  }

  return { current, change, confirm };
}
