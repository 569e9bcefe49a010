import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { authErrors } from '../auth/errors.js';
import { prepareNewUser } from '../auth/new-user.js';
import type { PasswordService } from '../auth/passwords.js';
import { countUsers, insertUser, type PublicUser } from '../auth/user-store.js';
import { randomToken, secretsEqual, sha256Hex } from '../crypto/tokens.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { setupErrors } from './errors.js';
import { burnSetupToken, clearSetupToken, readSetupTokenHash, replaceSetupToken } from './store.js';

export interface SetupDeps {
  readonly db: Db;
  readonly dataDir: string;
  readonly audit: AuditLog;
  readonly passwords: PasswordService;
  readonly now?: () => Date;
}

export type SetupState = { readonly required: false } | { readonly required: true; readonly token: string; readonly tokenFile: string };

export interface SetupRequest {
  readonly token: string;
  readonly username: string;
  readonly password: string;
}

export interface RequestContext {
  readonly ip: string;
  readonly requestId: string;
}

export type SetupService = ReturnType<typeof createSetupService>;

/**
 * First-run setup. There are no default accounts: while the database has no
 * user, a one-time token (256 bits; only its SHA-256 in the database, the
 * plaintext in a 0600 file) lets whoever can read the data dir create the
 * first admin. Creating it burns the token; from then on setup answers 410.
 */
export function createSetupService(deps: SetupDeps) {
  const now = deps.now ?? (() => new Date());
  const tokenFile = join(deps.dataDir, 'setup-token');

  /** Called at server start: issues (or reuses) the token while no user exists. */
  async function prepare(): Promise<SetupState> {
    if ((await countUsers(deps.db)) > 0) {
      await retire();
      return { required: false };
    }
    const stored = await readSetupTokenHash(deps.db);
    const existing = await readFile(tokenFile, 'utf8').then((text) => text.trim(), () => undefined);
    // A restart keeps the link it printed before, as long as file and database agree.
    if (stored && existing && secretsEqual(stored, sha256Hex(existing))) {
      return { required: true, token: existing, tokenFile };
    }
    const token = randomToken(32);
    await replaceSetupToken(deps.db, sha256Hex(token), now());
    await rm(tokenFile, { force: true });
    await writeFile(tokenFile, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return { required: true, token, tokenFile };
  }

  /** Whether the first admin still has to be created. */
  async function isRequired(): Promise<boolean> {
    return (await countUsers(deps.db)) === 0;
  }

  async function complete(request: SetupRequest, context: RequestContext): Promise<PublicUser> {
    if (!(await isRequired())) throw new AppError(setupErrors.setup_completed);

    // Check the token before hashing anything, so guessing costs us no argon2 work.
    const stored = await readSetupTokenHash(deps.db);
    if (!stored || !secretsEqual(stored, sha256Hex(request.token))) {
      // Another request may have finished setup (and burnt the token) since the check above.
      if (!stored && !(await isRequired())) throw new AppError(setupErrors.setup_completed);
      await deps.audit.record({
        action: 'setup.complete',
        result: 'denied',
        actor: { type: 'anonymous' },
        ip: context.ip,
        requestId: context.requestId,
        details: { reason: 'setup_token_invalid' },
      });
      throw new AppError(setupErrors.setup_token_invalid);
    }

    const row = await prepareNewUser({ username: request.username, password: request.password, role: 'admin' }, deps.passwords, now());
    const user = await deps.db.transaction().execute(async (trx) => {
      // Two requests with the right token: the first to burn it wins, the other finds setup done.
      if ((await countUsers(trx)) > 0 || !(await burnSetupToken(trx, stored))) return undefined;
      return insertUser(trx, row).catch((error: unknown) => {
        throw isUniqueViolation(error) ? new AppError(authErrors.username_taken) : error;
      });
    });
    if (!user) throw new AppError(setupErrors.setup_completed);

    await rm(tokenFile, { force: true });
    await deps.audit.record({
      action: 'setup.complete',
      result: 'success',
      actor: { type: 'user', id: user.id },
      ip: context.ip,
      target: `user:${user.id}`,
      requestId: context.requestId,
      details: { username: user.username, role: user.role },
    });
    return user;
  }

  /** Drops any pending token once a user exists (e.g. created with the CLI). */
  async function retire(): Promise<void> {
    await clearSetupToken(deps.db);
    await rm(tokenFile, { force: true });
  }

  return { prepare, isRequired, complete, retire };
}
