import type { Principal } from '../access/principal.js';
import type { Role } from '../access/roles.js';
import { authErrors } from '../auth/errors.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { prepareNewUser } from '../auth/new-user.js';
import type { PasswordService } from '../auth/passwords.js';
import type { SessionService } from '../auth/session-service.js';
import { countActiveAdmins, findUserById, insertUser, listUsers, type PublicUser, updateUser } from '../auth/user-store.js';
import { isUniqueViolation, violatesEmailUniqueness } from '../db/errors.js';
import { normaliseEmail } from '../auth/password-policy.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { userErrors } from './errors.js';

export interface AdminContext {
  readonly principal: Principal;
  readonly ip: string;
  readonly requestId: string;
}

export interface UserChanges {
  readonly role?: Role | undefined;
  readonly disabled?: boolean | undefined;
  readonly unlock_login?: boolean | undefined;
  readonly password?: string | undefined;
  readonly email?: string | null | undefined;
}

export type UserAdmin = ReturnType<typeof createUserAdmin>;

/**
 * Account management for admins. Role and disabled state are read on every
 * request by authentication, so a change here applies to the user's very next
 * request; disabling also ends their sessions outright.
 */
export function createUserAdmin(deps: {
  db: Db;
  passwords: PasswordService;
  sessions: SessionService;
  throttle: LoginThrottle;
  audit: AuditLog;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  const audit = (context: AdminContext, action: string, target: PublicUser, details: Record<string, unknown>) =>
    deps.audit.record({
      action,
      result: 'success',
      actor: { type: 'user', id: context.principal.userId },
      ip: context.ip,
      requestId: context.requestId,
      target: `user:${target.id}`,
      details: { username: target.username, ...details },
    });

  async function create(input: { username: string; password: string; role: Role; email?: string | undefined }, context: AdminContext): Promise<PublicUser> {
    const row = await prepareNewUser(input, deps.passwords, now());
    const user = await insertUser(deps.db, row).catch(rethrowUniqueness);
    await audit(context, 'user.create', user, { role: user.role });
    return user;
  }

  async function update(id: string, changes: UserChanges, context: AdminContext): Promise<PublicUser> {
    const at = now().toISOString();
    const newHash = changes.password === undefined ? undefined : await hashResetPassword(id, changes.password);
    const { before, after } = await deps.db.transaction().execute(async (trx) => {
      const current = await findUserById(trx, id);
      if (!current) throw new AppError(userErrors.user_not_found);
      const losesAdmin =
        current.role === 'admin' && current.disabled_at === null && ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
      if (losesAdmin && (await countActiveAdmins(trx)) <= 1) throw new AppError(userErrors.last_admin);
      const disabledAt = changes.disabled === undefined ? current.disabled_at : changes.disabled ? (current.disabled_at ?? at) : null;
      const updated = await updateUser(trx, id, {
        role: changes.role ?? current.role,
        disabled_at: disabledAt,
        updated_at: at,
        ...(newHash && { password_hash: newHash }),
        // An admin vouches for the address they set; single sign-on may link by it.
        ...(changes.email !== undefined && {
          email: changes.email === null ? null : normaliseEmail(changes.email),
          email_verified_at: changes.email === null ? null : at,
        }),
      }).catch(rethrowUniqueness);
      return { before: current, after: updated as PublicUser };
    });

    if (changes.role !== undefined && changes.role !== before.role) {
      await audit(context, 'user.role_change', after, { from: before.role, to: after.role });
    }
    if (changes.disabled === true && before.disabled_at === null) {
      const ended = await deps.sessions.endAllOfUser(id, 'user_disabled');
      await audit(context, 'user.disable', after, { sessions_ended: ended });
    }
    if (changes.disabled === false && before.disabled_at !== null) await audit(context, 'user.enable', after, {});
    if (newHash) {
      // A reset means the old password may be known to someone else: every session ends.
      const ended = await deps.sessions.endAllOfUser(id, 'password_reset');
      await audit(context, 'user.password_reset', after, { sessions_ended: ended });
    }
    if (changes.unlock_login) {
      await deps.throttle.unlockAccount(after.username);
      await audit(context, 'user.unlock_login', after, {});
    }
    return after;
  }

  function rethrowUniqueness(error: unknown): never {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError(violatesEmailUniqueness(error) ? authErrors.email_taken : authErrors.username_taken);
  }

  async function hashResetPassword(id: string, password: string): Promise<string> {
    const target = await findUserById(deps.db, id);
    if (!target) throw new AppError(userErrors.user_not_found);
    return deps.passwords.hash(deps.passwords.validate(password, { username: target.username }));
  }

  return { list: () => listUsers(deps.db), create, update };
}
