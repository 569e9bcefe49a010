import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomToken } from '../crypto/tokens.js';
import { ensurePrivateDir } from './data-dir.js';
import type { Config } from './load.js';
import { Secret } from './secret.js';
import { secretVariables } from './variables.js';

export interface Secrets {
  readonly secretKey: Secret;
  readonly encryptionKey: Secret;
}

/** Where each generated secret lives under `<data dir>/secrets/`. */
export const GENERATED_SECRET_FILES = {
  SAKUGA_SECRET_KEY: 'secret-key',
  SAKUGA_ENCRYPTION_KEY: 'encryption-key',
} as const;

export function secretsDir(dataDir: string): string {
  return join(dataDir, 'secrets');
}

/**
 * Returns the supplied secrets, generating any that are missing into
 * `<data dir>/secrets/` (dir 0700, files 0600) on first run and reusing them on
 * every later run. Exclusive creation makes two processes starting at once agree
 * on one value.
 */
export function resolveSecrets(config: Config): Secrets {
  const take = (name: keyof typeof GENERATED_SECRET_FILES): Secret =>
    config.secrets[name] ?? loadOrCreate(config.dataDir, name);
  return Object.freeze({ secretKey: take('SAKUGA_SECRET_KEY'), encryptionKey: take('SAKUGA_ENCRYPTION_KEY') });
}

function loadOrCreate(dataDir: string, name: keyof typeof GENERATED_SECRET_FILES): Secret {
  const dir = secretsDir(dataDir);
  ensurePrivateDir(dataDir, { searchable: true });
  ensurePrivateDir(dir);
  const file = join(dir, GENERATED_SECRET_FILES[name]);
  try {
    writeFileSync(file, `${randomToken(32)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = statSync(file);
  if ((stat.mode & 0o077) !== 0) chmodSync(file, 0o600);
  const value = readFileSync(file, 'utf8').trim();
  try {
    return new Secret(secretVariables[name].parse(value));
  } catch (error) {
    throw new Error(`secrets/${GENERATED_SECRET_FILES[name]}: ${(error as Error).message}`);
  }
}

/**
 * SAKUGA_ENCRYPTION_KEY as given or as kept in the data dir, never a new
 * one: a restore needs the key its backup was made under, and a fresh key
 * would only make the backup unreadable. Undefined when it is in neither.
 */
export function existingEncryptionKey(config: Config): Secret | undefined {
  if (config.secrets.SAKUGA_ENCRYPTION_KEY) return config.secrets.SAKUGA_ENCRYPTION_KEY;
  const file = join(secretsDir(config.dataDir), GENERATED_SECRET_FILES.SAKUGA_ENCRYPTION_KEY);
  try {
    return new Secret(secretVariables.SAKUGA_ENCRYPTION_KEY.parse(readFileSync(file, 'utf8').trim()));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`secrets/${GENERATED_SECRET_FILES.SAKUGA_ENCRYPTION_KEY}: ${(error as Error).message}`);
  }
}
