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
 * the end. An error of the source ends it with that error.
 */
export async function* sealChunks(header: Buffer, keys: BlobKeys, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield header;
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  for await (const chunk of source) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    // Strictly more than a segment: only then is it known that this one is not the last.
    let at = 0;
    while (pending.length - at > SEGMENT_BYTES) {
      yield sealSegment(keys, index++, false, pending.subarray(at, at + SEGMENT_BYTES));
      at += SEGMENT_BYTES;
    }
    pending = pending.subarray(at);
  }
  yield sealSegment(keys, index, true, pending);
}

/** Reads `length` bytes of the stored blob at `position` (exactly, or fewer at its end). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

/** Segments read in one go: 1 MiB, few reads for a long range, little held at once. */
const SEGMENTS_PER_READ = 16;

/**
 * The plaintext bytes `start..end` (inclusive) of a blob of `plainSize`
 * bytes, decrypting only the segments they touch. Every segment's tag is
 * checked before any of its bytes are yielded; the last segment of the blob
 * must carry the last-segment flag. `storedSize` is checked against the
 * plaintext size first: a blob cut short or grown fails before a byte leaves.
 */
export async function* openRange(read: ReadAt, keys: BlobKeys, sizes: { plain: number; stored: number }, start: number, end: number): AsyncGenerator<Buffer> {
  if (sizes.stored !== sealedSize(sizes.plain)) throw new BlobIntegrityError('the blob is not the size its record says');
  if (start < 0 || end < start || end >= Math.max(sizes.plain, 1)) throw new RangeError('range outside the blob');
  const count = segmentCount(sizes.plain);
  const first = Math.floor(start / SEGMENT_BYTES);
  const lastWanted = sizes.plain === 0 ? 0 : Math.floor(end / SEGMENT_BYTES);
  for (let batch = first; batch <= lastWanted; batch += SEGMENTS_PER_READ) {
    const upTo = Math.min(lastWanted, batch + SEGMENTS_PER_READ - 1);
    const length = Math.min(sizes.stored, segmentOffset(upTo + 1)) - segmentOffset(batch);
    const bytes = await read(segmentOffset(batch), length);
    if (bytes.length !== length) throw new BlobIntegrityError('the blob ended early');
    for (let index = batch; index <= upTo; index++) {
      const at = (index - batch) * SEALED_SEGMENT_BYTES;
      const plain = openSegment(keys, index, index === count - 1, bytes.subarray(at, Math.min(bytes.length, at + SEALED_SEGMENT_BYTES)));
      const from = index === first ? start - index * SEGMENT_BYTES : 0;
      const to = index === lastWanted ? end - index * SEGMENT_BYTES + 1 : plain.length;
      if (to > from) yield plain.subarray(from, to);
    }
  }
}
