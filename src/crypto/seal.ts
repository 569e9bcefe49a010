import { createCipheriv, createDecipheriv, hash, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key-encryption key small secrets can be sealed under, and what it is called (`server` for SAKUGA_ENCRYPTION_KEY, a storage key's id). */
export interface SealingKey {
  readonly kid: string;
  readonly kek: string | Buffer;
}

/** The key new secrets are sealed under, and every key an older one may be sealed under. */
export interface SealingKeys {
  readonly active: SealingKey;
  readonly others: readonly SealingKey[];
}

/**
 * Small secrets sealed at rest with AES-256-GCM in a versioned envelope:
 * `v1.<key id>.<iv>.<ciphertext+tag>` (base64url). The key is derived from a
 * key-encryption key per purpose (HKDF), the key id names it so keys can
 * rotate (rotation.ts re-seals under the active key), and the associated
 * data binds a sealed value to its owner (a TOTP secret copied onto another
 * user's row will not open).
 */
export function createSealer(keys: SealingKeys, purpose: string) {
  const derived = new Map<string, { kid: string; key: Buffer }>();
  const derive = ({ kid, kek }: SealingKey) => {
    const key = Buffer.from(hkdfSync('sha256', kek, 'sakuga', `seal:${purpose}:${VERSION}`, 32));
    const id = hash('sha256', key, 'hex').slice(0, 12);
    if (!derived.has(id)) derived.set(id, { kid, key });
    return id;
  };
  const keyId = derive(keys.active);
  for (const other of keys.others) derive(other);
  const activeKey = derived.get(keyId)!.key;

  return {
    /** The envelope key id new secrets get. */
    keyId,

    seal(plaintext: string, associatedData: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', activeKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, keyId, iv.toString('base64url'), body.toString('base64url')].join('.');
    },

    /** Throws if the envelope is malformed, from an unknown key, tampered with, or not bound to `associatedData`. */
    open(envelope: string, associatedData: string): string {
      const [version, id, ivText, bodyText, extra] = envelope.split('.');
      if (version !== VERSION || !id || !ivText || !bodyText || extra !== undefined) throw new Error('unsupported sealed value');
      const key = derived.get(id)?.key;
      if (!key) throw new Error(`sealed with unknown key ${id}`);
      const body = Buffer.from(bodyText, 'base64url');
      if (body.length < TAG_BYTES) throw new Error('truncated sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    },

    /** Which key-encryption key an envelope is sealed under (its `kid`), or undefined for one this sealer cannot open. */
    sealedUnder(envelope: string): string | undefined {
      return derived.get(envelope.split('.')[1] ?? '')?.kid;
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;
