import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../crypto/tokens.js';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'; // RFC 4648 base32, lower-case

/** Ten codes of 80 random bits each, shown as `xxxx-xxxx-xxxx-xxxx` (16 base32 characters). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    let bits = 0n;
    for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
    let text = '';
    for (let i = 0; i < 16; i += 1) {
      text = ALPHABET[Number(bits & 31n)] + text;
      bits >>= 5n;
    }
    return text.match(/.{4}/g)!.join('-');
  });
}

/** Dashes, spaces and case are forgiven when a code is typed back. */
export function recoveryCodeHash(code: string): string | undefined {
  const normalised = code.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z2-7]{16}$/.test(normalised) ? sha256Hex(`recovery:${normalised}`) : undefined;
}
