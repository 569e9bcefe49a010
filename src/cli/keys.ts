import { parseArgs } from 'node:util';
import { resolveSecrets } from '../config/generated-secrets.js';
import { decryptAllBlobs } from '../storage/encrypt-existing.js';
import { keyStatus, retireKey, rewrapDataKeys, rotateKey } from '../storage/keys/rotation.js';
import { createSecretSealers, resealSecrets, sealingKeys } from '../storage/keys/sealed-secrets.js';
import { keyRows, openStorageKeyring, StorageKeyError } from '../storage/keys/storage-keys.js';
import type { CliIo } from './io.js';
import { openRuntime } from './runtime.js';
import { UsageError } from './usage.js';

const KEYS_USAGE = `Usage: sakuga keys status | rotate | rewrap | retire --kid KID | decrypt --yes`;

/**
 * `sakuga keys`: the storage keys of encryption at rest.
 * - status: each key, its state and the blobs it wraps; blobs still in plaintext.
 * - rotate: a new active key; every data key re-wrapped under it, with
 *   progress, and the sealed TOTP and request-signing secrets re-sealed under
 *   it (the server resumes both at its next start if this is cut short).
 * - rewrap: only the re-wrap and re-seal, resuming one that was cut short.
 * - retire: a key no data key or secret needs any more stops unwrapping.
 * - decrypt: turning encryption at rest off, explicitly: with the server
 *   stopped, every blob is re-written in plaintext (resumable) and the
 *   secrets re-sealed under SAKUGA_ENCRYPTION_KEY; then the server can start
 *   with ENCRYPTION_AT_REST=off.
 */
export async function keysCommand(args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (!['status', 'rotate', 'rewrap', 'retire', 'decrypt'].includes(subcommand ?? '')) throw new UsageError(KEYS_USAGE);
  const { values } = parseArgs({ args: rest, options: { kid: { type: 'string' }, yes: { type: 'boolean' } }, strict: true });
  if (subcommand === 'retire' && !values.kid) throw new UsageError(`--kid is required\n${KEYS_USAGE}`);
  if (subcommand === 'decrypt' && !values.yes) {
    throw new UsageError(`decrypt stores every file in plaintext from now on. Stop the server, then run it with --yes; afterwards start with ENCRYPTION_AT_REST=off.\n${KEYS_USAGE}`);
  }
  const runtime = await openRuntime(env);
  const { db, config } = runtime.services;
  const serverKey = resolveSecrets(config).encryptionKey;
  /** Sealers for the keys as they are now (a rotation here changes them; after decrypt, secrets go under SAKUGA_ENCRYPTION_KEY). */
  const sealersNow = async () => {
    const active = config.storage.encrypted && subcommand !== 'decrypt' ? (await keyRows(db)).find((row) => row.state === 'active')?.kid : undefined;
    return createSecretSealers(sealingKeys({ dataDir: config.dataDir, serverKey, ...(active && { activeKid: active }) }));
  };
  try {
    if (subcommand !== 'status' && !config.storage.encrypted) throw new StorageKeyError('ENCRYPTION_AT_REST is off: there are no storage keys to change');
    if (subcommand === 'rotate') io.stdout.write(`New active key ${await rotateKey(db, config.dataDir, new Date())}. Re-wrapping data keys…\n`);
    if (subcommand === 'rotate' || subcommand === 'rewrap') {
      const keyring = (await openStorageKeyring({ db, dataDir: config.dataDir, encrypted: true, now: () => new Date() }))!;
      const done = await rewrapDataKeys({ db, keyring, progress: (left) => io.stdout.write(`  ${left} left\n`) });
      const { resealed } = await resealSecrets(db, await sealersNow());
      io.stdout.write(`Re-wrapped ${done.rewrapped} data keys and re-sealed ${resealed} secrets (TOTP, request signing); no blob was rewritten.${subcommand === 'rotate' ? ' Back up secrets/storage-keys now: the new key is in it.' : ''}\n`);
    }
    if (subcommand === 'decrypt') {
      const log = { info: (progress: { remaining: number }) => io.stdout.write(`  ${progress.remaining} left\n`), error: (failure: { key: string }) => io.stderr.write(`  could not decrypt ${failure.key}\n`) };
      const done = await decryptAllBlobs({ blobs: runtime.services.blobs, log });
      const { resealed } = await resealSecrets(db, await sealersNow());
      if (done.remaining > 0) throw new StorageKeyError(`${done.remaining} blobs are still encrypted (see above); run decrypt again once they are readable`);
      io.stdout.write(`Decrypted ${done.decrypted} blobs and re-sealed ${resealed} secrets under SAKUGA_ENCRYPTION_KEY. Start the server with ENCRYPTION_AT_REST=off now; keep secrets/storage-keys as long as older backups may need them.\n`);
    }
    if (subcommand === 'retire') {
      await retireKey(db, values.kid!, new Date(), await sealersNow());
      io.stdout.write(`Retired ${values.kid}: it unwraps nothing from now on. Its file can be destroyed once no backup from before ${new Date().toISOString().slice(0, 10)} is kept (such a backup's data keys may still be wrapped under it).\n`);
    }
    const status = await keyStatus(db, await sealersNow());
    io.stdout.write(`Encryption at rest: ${config.storage.encrypted ? 'on' : 'off'}; ${status.plaintext} blobs in plaintext; ${status.serverSecrets} secrets under SAKUGA_ENCRYPTION_KEY\n`);
    for (const key of status.keys) io.stdout.write(`  ${key.kid}  ${key.state.padEnd(7)}  ${String(key.blobs).padStart(8)} blobs  ${String(key.secrets).padStart(5)} secrets  since ${key.created_at}\n`);
    return 0;
  } catch (error) {
    if (error instanceof StorageKeyError) {
      io.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await runtime.database.close();
  }
}
