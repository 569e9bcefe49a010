import {
  BlobIntegrityError,
  type BlobKeys,
  openSegment,
  SEALED_SEGMENT_BYTES,
  sealedSize,
  sealSegment,
  SEGMENT_BYTES,
  segmentCount,
  segmentOffset,
} from './blob-format.js';

/**
 * Encrypts a stream of plaintext chunks into SKG1: the header first, then
 * each 64 KiB segment as soon as the next byte shows it is not the last one.
 * The last segment (1 to 64 KiB, or empty for an empty blob) is sealed at
 * the end. Segments are cut from the chunks where they lie; only one that
 * straddles two chunks is copied. An error of the source ends it with that error.
 */
export async function* sealChunks(header: Buffer, keys: BlobKeys, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield header;
  /** The bytes not sealed yet: less than a segment, or exactly one whose successor has not shown yet. */
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    let at = 0;
    if (pending.length > 0) {
      // Fill the pending segment from this chunk; with a byte beyond it, it is not the last.
      const take = Math.min(SEGMENT_BYTES - pending.length, chunk.length);
      if (take > 0) pending = Buffer.concat([pending, chunk.subarray(0, take)]);
      at = take;
      if (pending.length === SEGMENT_BYTES && at < chunk.length) {
        yield sealSegment(keys, index++, false, pending);
        pending = Buffer.alloc(0);
      }
    }
    // Whole segments with more bytes after them, straight from the chunk.
    while (chunk.length - at > SEGMENT_BYTES) {
      yield sealSegment(keys, index++, false, chunk.subarray(at, at + SEGMENT_BYTES));
      at += SEGMENT_BYTES;
    }
    if (at < chunk.length) pending = pending.length === 0 ? chunk.subarray(at) : Buffer.concat([pending, chunk.subarray(at)]);
  }
  yield sealSegment(keys, index, true, pending);
}

/** The stored blob's bytes `start..end` inclusive, as a stream (one request to the backend). */
export type StreamAt = (start: number, end: number) => Promise<AsyncIterable<Buffer> | Iterable<Buffer>>;

/**
 * The plaintext bytes `start..end` (inclusive) of a blob of `plainSize`
 * bytes, decrypting only the segments they touch, read as one stream from
 * the backend (for S3 one ranged GET, not one per segment). Every segment's
 * tag is checked before any of its bytes are yielded; the last segment of
 * the blob must carry the last-segment flag. `storedSize` is checked against
 * the plaintext size first: a blob cut short or grown fails before a byte
 * leaves.
 */
export async function* openRange(streamAt: StreamAt, keys: BlobKeys, sizes: { plain: number; stored: number }, start: number, end: number): AsyncGenerator<Buffer> {
  if (sizes.stored !== sealedSize(sizes.plain)) throw new BlobIntegrityError('the blob is not the size its record says');
  if (start < 0 || end < start || end >= Math.max(sizes.plain, 1)) throw new RangeError('range outside the blob');
  const count = segmentCount(sizes.plain);
  const first = Math.floor(start / SEGMENT_BYTES);
  const lastWanted = sizes.plain === 0 ? 0 : Math.floor(end / SEGMENT_BYTES);
  const source = await streamAt(segmentOffset(first), Math.min(sizes.stored, segmentOffset(lastWanted + 1)) - 1);
  let index = first;
  // What has arrived and is not yet a whole segment. A segment is cut from the first chunk where it fits
  // there; only one that straddles chunks is copied (64 KiB, not the whole chunk).
  const parts: Buffer[] = [];
  let have = 0;
  const take = (length: number): Buffer => {
    let taken: Buffer;
    if (parts[0]!.length >= length) {
      taken = parts[0]!.subarray(0, length);
      parts[0] = parts[0]!.subarray(length);
    } else {
      taken = Buffer.allocUnsafe(length);
      let at = 0;
      while (at < length) {
        const piece = parts[0]!.subarray(0, length - at);
        piece.copy(taken, at);
        at += piece.length;
        parts[0] = parts[0]!.subarray(piece.length);
        if (parts[0].length === 0) parts.shift();
      }
    }
    if (parts[0]?.length === 0) parts.shift();
    have -= length;
    return taken;
  };
  for await (const chunk of source) {
    parts.push(chunk);
    have += chunk.length;
    while (index <= lastWanted) {
      const length = Math.min(SEALED_SEGMENT_BYTES, sizes.stored - segmentOffset(index));
      if (have < length) break;
      const plain = openSegment(keys, index, index === count - 1, take(length));
      const from = index === first ? start - index * SEGMENT_BYTES : 0;
      const to = index === lastWanted ? end - index * SEGMENT_BYTES + 1 : plain.length;
      if (to > from) yield plain.subarray(from, to);
      index += 1;
    }
  }
  if (index <= lastWanted) throw new BlobIntegrityError('the blob ended early');
}
