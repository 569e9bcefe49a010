import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES } from './blob-format.js';

/**
 * Key-encryption keys (KEKs) and the per-blob data keys they wrap.
 *
 * A data key is wrapped with AES-256-GCM under one KEK, named by its key id,
 * with the key id and the blob id in the associated data: a wrapped key
 * copied onto another blob's row, or relabelled with another key id, does
 * not open. `wrapped` = nonce (12) ‖ ciphertext (32) ‖ tag (16). Random
 * nonces are safe here: a KEK wraps far fewer than 2^32 keys.
 *
 * Rotation adds a KEK and makes it the active one; the older ones still
 * unwrap until every data key is re-wrapped (a row update, never a blob
 * rewrite) and they are retired.
 */

export const WRAPPED_BYTES = 12 + DATA_KEY_BYTES + 16;
const KEK_BYTES = 32;
const AAD_PREFIX = 'sakuga/dek/v1';

export interface WrappedKey {
  readonly kid: string;
  readonly wrapped: Buffer;
}

/** A key id: the first 16 hex digits of the KEK's SHA-256 under a label, so it names the key without revealing it. */
export const keyIdOf = (kek: Buffer) => createHash('sha256').update('sakuga/kek-id/v1').update(kek).digest('hex').slice(0, 16);

const aadOf = (kid: string, blobId: Buffer) => Buffer.concat([Buffer.from(`${AAD_PREFIX}\0${kid}\0`), blobId]);

/** Why a data key cannot be unwrapped: its KEK is unknown here, or the wrapped key was tampered with or moved. */
export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

export interface Keyring {
  /** The key id new data keys are wrapped under. */
  readonly activeKid: string;
  /** Every key id this keyring can unwrap with. */
  readonly kids: readonly string[];
  wrap(dataKey: Buffer, blobId: Buffer): WrappedKey;
  unwrap(key: WrappedKey, blobId: Buffer): Buffer;
  /** Re-reads the keys: a running server meeting a key that `sakuga keys rotate` added. Absent on a fixed keyring. */
  refresh?(): Promise<void>;
  /** Re-reads the keys if the active key on record is no longer this keyring's. Absent on a fixed keyring. */
  refreshIfRotated?(): Promise<void>;
}

/** A keyring over the given KEKs (32 bytes each); `activeKid` names the one that wraps. */
export function createKeyring(keks: readonly Buffer[], activeKid: string): Keyring {
  const byKid = new Map<string, Buffer>();
  for (const kek of keks) {
    if (kek.length !== KEK_BYTES) throw new TypeError('a key-encryption key is 32 bytes');
    byKid.set(keyIdOf(kek), kek);
  }
  const active = byKid.get(activeKid);
  if (!active) throw new DataKeyError(`the active key ${activeKid} is not in the keyring`);
  return {
    activeKid,
    kids: [...byKid.keys()],
    wrap(dataKey, blobId) {
      if (dataKey.length !== DATA_KEY_BYTES) throw new TypeError('a data key is 32 bytes');
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active, nonce, { authTagLength: 16 });
      cipher.setAAD(aadOf(activeKid, blobId));
      return { kid: activeKid, wrapped: Buffer.concat([nonce, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]) };
    },
    unwrap({ kid, wrapped }, blobId) {
      const kek = byKid.get(kid);
      if (!kek) throw new DataKeyError(`the key ${kid} is not in the keyring`);
      if (wrapped.length !== WRAPPED_BYTES) throw new DataKeyError('a wrapped data key of the wrong length');
      const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12), { authTagLength: 16 });
      decipher.setAAD(aadOf(kid, blobId));
      decipher.setAuthTag(wrapped.subarray(12 + DATA_KEY_BYTES));
      const body = decipher.update(wrapped.subarray(12, 12 + DATA_KEY_BYTES));
      try {
        return Buffer.concat([body, decipher.final()]);
      } catch {
        body.fill(0);
        throw new DataKeyError('a wrapped data key does not verify');
      }
    },
  };
}

/** A new random data key for one blob. */
export const newDataKey = () => randomBytes(DATA_KEY_BYTES);
