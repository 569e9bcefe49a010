import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * SKG1, the format of a blob encrypted at rest: a 96-byte header, then the
 * plaintext in 64 KiB segments, each sealed with AES-256-GCM.
 *
 * - Each blob has its own data key (DEK, 32 random bytes), kept wrapped in
 *   the database (data-key.ts), never in the blob: rotating a key rewrites a
 *   row, and deleting that row erases the blob.
 * - Segment and header keys are derived from the DEK with HKDF-SHA-256 and
 *   the header's fresh salt.
 * - Segment i's nonce is i as 11 big-endian bytes, then 0x01 on the last
 *   segment and 0x00 on every other (age's STREAM, Tink's streaming AEAD):
 *   a file cut at a segment boundary no longer ends on a last segment, and
 *   a segment moved within the blob is opened under the wrong nonce.
 * - The associated data of every segment is the header's first 24 bytes,
 *   which hold the blob id: a segment moved into another blob fails.
 * - The header carries an HMAC under its own derived key, so a flipped bit
 *   in it is refused before any segment is read.
 *
 * Header (big-endian): magic "SKG1" (4), version 1 (1), algorithm 1 (1),
 * log2 segment size 16 (1), flags 0 (1), blob id (16), salt (32), reserved
 * zeros (8), HMAC-SHA-256 of bytes 0..63 (32).
 */

export const HEADER_BYTES = 96;
export const SEGMENT_BYTES = 64 * 1024;
export const TAG_BYTES = 16;
export const SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;
export const BLOB_ID_BYTES = 16;
export const DATA_KEY_BYTES = 32;

const MAGIC = Buffer.from('SKG1', 'ascii');
const VERSION = 1;
const ALGORITHM = 1;
const LOG2_SEGMENT = 16;
const AAD_BYTES = 24;
const MAC_OFFSET = 64;

/** Why a blob cannot be read: it was tampered with, cut short, or is not of this format. Nothing of it may be served. */
export class BlobIntegrityError extends Error {
  override name = 'BlobIntegrityError';
}

/** The keys and associated data one blob's segments are sealed with. */
export interface BlobKeys {
  readonly segmentKey: Buffer;
  readonly aad: Buffer;
}

function derive(dataKey: Buffer, salt: Buffer, info: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, salt, info, 32));
}

function keysOf(dataKey: Buffer, header: Buffer): { keys: BlobKeys; headerKey: Buffer } {
  if (dataKey.length !== DATA_KEY_BYTES) throw new TypeError('a data key is 32 bytes');
  const blobId = header.subarray(8, 24);
  const salt = header.subarray(24, 56);
  return {
    keys: { segmentKey: derive(dataKey, salt, Buffer.concat([Buffer.from('sakuga/v1/seg'), blobId])), aad: Buffer.from(header.subarray(0, AAD_BYTES)) },
    headerKey: derive(dataKey, salt, Buffer.from('sakuga/v1/hdr')),
  };
}

const headerMac = (headerKey: Buffer, header: Buffer) => createHmac('sha256', headerKey).update(header.subarray(0, MAC_OFFSET)).digest();

/** A new blob's header (with a fresh salt) and the keys to seal its segments. */
export function newHeader(dataKey: Buffer, blobId: Buffer): { header: Buffer; keys: BlobKeys } {
  if (blobId.length !== BLOB_ID_BYTES) throw new TypeError('a blob id is 16 bytes');
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt8(VERSION, 4);
  header.writeUInt8(ALGORITHM, 5);
  header.writeUInt8(LOG2_SEGMENT, 6);
  header.writeUInt8(0, 7);
  blobId.copy(header, 8);
  randomBytes(32).copy(header, 24);
  const { keys, headerKey } = keysOf(dataKey, header);
  headerMac(headerKey, header).copy(header, MAC_OFFSET);
  return { header, keys };
}

/** Checks a stored header against its data key and the blob id it must name; the keys to open its segments. */
export function openHeader(dataKey: Buffer, header: Buffer, blobId: Buffer): BlobKeys {
  if (header.length !== HEADER_BYTES || !header.subarray(0, 4).equals(MAGIC)) throw new BlobIntegrityError('not an encrypted blob');
  if (header[4] !== VERSION || header[5] !== ALGORITHM || header[6] !== LOG2_SEGMENT || header[7] !== 0 || !header.subarray(56, 64).equals(Buffer.alloc(8))) {
    throw new BlobIntegrityError('an encrypted blob of an unknown version or layout');
  }
  const { keys, headerKey } = keysOf(dataKey, header);
  if (!timingSafeEqual(headerMac(headerKey, header), header.subarray(MAC_OFFSET))) throw new BlobIntegrityError('the blob header does not verify');
  if (!header.subarray(8, 24).equals(blobId)) throw new BlobIntegrityError('the blob names another id');
  return keys;
}

function nonceOf(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 3); // bytes 3..10: the counter (11 bytes, the top three zero)
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Seals segment `index` (all but the last exactly SEGMENT_BYTES long). */
export function sealSegment(keys: BlobKeys, index: number, last: boolean, plaintext: Buffer): Buffer {
  if (plaintext.length > SEGMENT_BYTES || (!last && plaintext.length !== SEGMENT_BYTES)) throw new RangeError('a segment is 64 KiB, the last one at most that');
  const cipher = createCipheriv('aes-256-gcm', keys.segmentKey, nonceOf(index, last), { authTagLength: TAG_BYTES });
  cipher.setAAD(keys.aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/**
 * Opens segment `index`. The tag is checked (final()) before any byte is
 * returned: Node's update() hands out plaintext it has not authenticated.
 */
export function openSegment(keys: BlobKeys, index: number, last: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG_BYTES || sealed.length > SEALED_SEGMENT_BYTES || (!last && sealed.length !== SEALED_SEGMENT_BYTES)) throw new BlobIntegrityError(`segment ${index} has the wrong length`);
  const decipher = createDecipheriv('aes-256-gcm', keys.segmentKey, nonceOf(index, last), { authTagLength: TAG_BYTES });
  decipher.setAAD(keys.aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const body = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  try {
    const rest = decipher.final(); // GCM has nothing left over: final() checks the tag.
    return rest.length === 0 ? body : Buffer.concat([body, rest]);
  } catch {
    body.fill(0);
    throw new BlobIntegrityError(`segment ${index} does not verify`);
  }
}

/** Segments of a blob of `plainSize` bytes: at least one (an empty blob is one empty last segment). */
export const segmentCount = (plainSize: number) => Math.max(1, Math.ceil(plainSize / SEGMENT_BYTES));

/** The stored size of a blob of `plainSize` bytes. */
export const sealedSize = (plainSize: number) => HEADER_BYTES + plainSize + TAG_BYTES * segmentCount(plainSize);

/** Where segment `index` starts in the stored blob. */
export const segmentOffset = (index: number) => HEADER_BYTES + index * SEALED_SEGMENT_BYTES;

/** The plaintext size of a stored blob of `storedSize` bytes, or undefined when no plaintext size gives it. */
export function plainSizeOf(storedSize: number): number | undefined {
  const body = storedSize - HEADER_BYTES;
  if (body < TAG_BYTES) return undefined;
  const full = Math.floor(body / SEALED_SEGMENT_BYTES);
  const rest = body - full * SEALED_SEGMENT_BYTES;
  const plain = rest === 0 ? full * SEGMENT_BYTES : rest >= TAG_BYTES ? full * SEGMENT_BYTES + rest - TAG_BYTES : undefined;
  return plain !== undefined && sealedSize(plain) === storedSize ? plain : undefined;
}
