import { createCipheriv, createDecipheriv, hash, hkdfSync, randomBytes } from 'node:crypto';
import type { Secret } from '../config/secret.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Small secrets sealed at rest with AES-256-GCM in a versioned envelope:
 * `v1.<key id>.<iv>.<ciphertext+tag>` (base64url). The key is derived from the
 * key-encryption key per purpose (HKDF), the key id names it so keys can
 * rotate, and the associated data binds a sealed value to its owner (a TOTP
 * secret copied onto another user's row will not open).
 */
export function createSealer(keyEncryptionKey: Secret, purpose: string) {
  const key = Buffer.from(hkdfSync('sha256', keyEncryptionKey.reveal(), 'sakuga', `seal:${purpose}:${VERSION}`, 32));
  const keyId = hash('sha256', key, 'hex').slice(0, 12);

  return {
    keyId,

    seal(plaintext: string, associatedData: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, keyId, iv.toString('base64url'), body.toString('base64url')].join('.');
    },

    /** Throws if the envelope is malformed, from another key, tampered with, or not bound to `associatedData`. */
    open(envelope: string, associatedData: string): string {
      const [version, id, ivText, bodyText, extra] = envelope.split('.');
      if (version !== VERSION || !ivText || !bodyText || extra !== undefined) throw new Error('unsupported sealed value');
      if (id !== keyId) throw new Error(`sealed with unknown key ${id}`);
      const body = Buffer.from(bodyText, 'base64url');
      if (body.length < TAG_BYTES) throw new Error('truncated sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;
