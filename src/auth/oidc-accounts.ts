import { randomBytes, randomUUID } from 'node:crypto';
import type { OidcConfig } from '../config/load.js';
import { isUniqueViolation, violatesEmailUniqueness } from '../db/errors.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { authErrors } from './errors.js';
import type { OidcClaims } from './oidc-client.js';
import { findAccountByEmail, findOidcIdentity, insertOidcIdentity, touchOidcIdentity, usernameTaken } from './oidc-store.js';
import { NO_PASSWORD } from './passwords.js';
import { normaliseEmail } from './password-policy.js';
import type { ClientInfo } from './session-service.js';

const USERNAME_SHAPE = /^[a-z0-9](?:[a-z0-9._-]{1,30})[a-z0-9]$/;

/**
 * Turns what the provider says about a person into a username of Sakuga's
 * shape: the preferred username, else the email's local part, else the name.
 */
export function usernameCandidate(claims: Pick<OidcClaims, 'preferredUsername' | 'email' | 'name'>): string {
  for (const raw of [claims.preferredUsername, claims.email?.split('@')[0], claims.name]) {
    if (!raw) continue;
    const cleaned = raw
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 24)
      .replace(/[^a-z0-9]+$/, '');
    if (USERNAME_SHAPE.test(cleaned)) return cleaned;
  }
  return 'user';
}

function verifiedEmail(claims: OidcClaims): string | undefined {
  if (!claims.emailVerified || !claims.email) return undefined;
  try {
    return normaliseEmail(claims.email);
  } catch {
    return undefined;
  }
}

/**
 * Which Sakuga account a verified provider identity signs in as. In order: the
 * account already linked to (issuer, subject); the account with the same email,
 * only when linking is enabled, the provider marks the email verified and
 * Sakuga has verified it too; a new account, only when auto-provisioning is on.
 * Anything else is refused and audited. An email is never linked silently when
 * linking is off: that would let whoever controls a provider account with
 * someone's address take that person's Sakuga account.
 */
export function createOidcAccounts(deps: { db: Db; config: OidcConfig; audit: AuditLog; now: () => Date }) {
  const { config } = deps;

  async function record(action: string, result: 'success' | 'denied', userId: string | undefined, claims: OidcClaims, client: ClientInfo, details = {}) {
    await deps.audit.record({
      action,
      result,
      actor: userId ? { type: 'user', id: userId } : { type: 'anonymous' },
      ip: client.ip,
      requestId: client.requestId,
      target: `oidc:${claims.subject.slice(0, 128)}`,
      details: { issuer: claims.issuer, ...details },
    });
  }

  async function refuse(claims: OidcClaims, client: ClientInfo, reason: string, userId?: string): Promise<never> {
    await record('auth.oidc_callback', 'denied', userId, claims, client, { reason });
    const error =
      reason === 'account_disabled' ? authErrors.oidc_account_disabled : reason === 'no_account' ? authErrors.oidc_no_account : authErrors.oidc_email_conflict;
    throw new AppError(error);
  }

  async function resolve(claims: OidcClaims, client: ClientInfo): Promise<string> {
    const at = deps.now().toISOString();
    const linked = await findOidcIdentity(deps.db, claims.issuer, claims.subject);
    if (linked) {
      if (linked.disabled_at !== null) return refuse(claims, client, 'account_disabled', linked.user_id);
      await touchOidcIdentity(deps.db, claims.issuer, claims.subject, at);
      return linked.user_id;
    }

    const email = verifiedEmail(claims);
    const owner = email ? await findAccountByEmail(deps.db, email) : undefined;
    if (owner) {
      if (!config.linkByEmail) return refuse(claims, client, 'email_taken_linking_off', owner.id);
      if (owner.email_verified_at === null) return refuse(claims, client, 'email_unverified_in_sakuga', owner.id);
      if (owner.disabled_at !== null) return refuse(claims, client, 'account_disabled', owner.id);
      await linkIdentity(owner.id, claims, email, at);
      await record('auth.oidc_linked', 'success', owner.id, claims, client, { by: 'verified_email' });
      return owner.id;
    }

    if (!config.autoProvision) return refuse(claims, client, 'no_account');
    const userId = await provision(claims, email, at);
    await record('auth.oidc_provisioned', 'success', userId, claims, client, { role: config.defaultRole });
    return userId;
  }

  /**
   * A signed-in person (in sudo mode) links their provider identity to their
   * own account. An identity already linked to someone else stays theirs.
   */
  async function linkToSignedIn(userId: string, claims: OidcClaims, client: ClientInfo): Promise<void> {
    const linked = await findOidcIdentity(deps.db, claims.issuer, claims.subject);
    if (linked?.user_id === userId) return;
    if (linked) {
      await record('auth.oidc_linked', 'denied', userId, claims, client, { reason: 'identity_linked_elsewhere' });
      throw new AppError(authErrors.oidc_identity_taken);
    }
    try {
      await linkIdentity(userId, claims, verifiedEmail(claims), deps.now().toISOString());
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError(authErrors.oidc_identity_taken);
    }
    await record('auth.oidc_linked', 'success', userId, claims, client, { by: 'signed_in_user' });
  }

  async function linkIdentity(userId: string, claims: OidcClaims, email: string | undefined, at: string) {
    await insertOidcIdentity(deps.db, { issuer: claims.issuer, subject: claims.subject, user_id: userId, email: email ?? null, created_at: at, last_login_at: at });
  }

  /** A new account without a password; the provider's verified email comes along when no one else has it. */
  async function provision(claims: OidcClaims, verified: string | undefined, at: string): Promise<string> {
    let email = verified;
    const base = usernameCandidate(claims);
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const username = attempt === 0 ? base : attempt < 10 ? `${base}-${attempt + 1}` : `${base}-${randomBytes(3).toString('hex')}`;
      if (await usernameTaken(deps.db, username)) continue;
      const id = randomUUID();
      try {
        await deps.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('users')
            .values({
              id,
              username,
              password_hash: NO_PASSWORD,
              role: config.defaultRole,
              disabled_at: null,
              created_at: at,
              updated_at: at,
              totp_secret_sealed: null,
              totp_pending_sealed: null,
              totp_enabled_at: null,
              totp_last_step: null,
              email: email ?? null,
              email_verified_at: email ? at : null,
            })
            .execute();
          await insertOidcIdentity(trx, { issuer: claims.issuer, subject: claims.subject, user_id: id, email: email ?? null, created_at: at, last_login_at: at });
        });
        return id;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // The same person finishing twice at once: the other attempt made the account.
        const linked = await findOidcIdentity(deps.db, claims.issuer, claims.subject);
        if (linked) return linked.user_id;
        // Someone took the address meanwhile: the account comes without it.
        if (violatesEmailUniqueness(error)) email = undefined;
      }
    }
    throw new Error('could not find a free username for a single sign-on account');
  }

  return { resolve, linkToSignedIn };
}
