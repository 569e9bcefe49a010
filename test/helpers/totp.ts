import { createHmac } from 'node:crypto';

/**
 * An independent RFC 6238 / RFC 4226 implementation for the tests, written from
 * the RFCs with node:crypto only, so the server's TOTP library is checked
 * against something other than itself.
 */
export function totpCode(secretBase32: string, timeMs: number, offsetSteps = 0): string {
  const counter = Math.floor(timeMs / 1000 / 30) + offsetSteps;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', base32Decode(secretBase32)).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return binary.toString().padStart(6, '0');
}

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

// RFC 6238 Appendix B, SHA-1 vector: T = 59 s → 94287082 (8 digits), last 6 = 287082.
if (totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000) !== '287082') throw new Error('the test TOTP implementation is wrong');
