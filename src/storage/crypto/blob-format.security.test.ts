import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, test } from 'node:test';
import {
  BlobIntegrityError,
  HEADER_BYTES,
  newHeader,
  openHeader,
  plainSizeOf,
  SEALED_SEGMENT_BYTES,
  sealedSize,
  SEGMENT_BYTES,
  segmentOffset,
} from './blob-format.js';
import { openRange, sealChunks } from './blob-stream.js';

const S = SEGMENT_BYTES;

interface Sealed {
  readonly dataKey: Buffer;
  readonly blobId: Buffer;
  readonly plain: Buffer;
  readonly stored: Buffer;
}

/** Seals `plain` through the stream in chunks of `chunk` bytes, as an upload arrives. */
async function seal(plain: Buffer, chunk = 7_919, dataKey: Buffer = randomBytes(32)): Promise<Sealed> {
  const blobId = randomBytes(16);
  const { header, keys } = newHeader(dataKey, blobId);
  const pieces = Array.from({ length: Math.ceil(plain.length / chunk) }, (_, i) => plain.subarray(i * chunk, (i + 1) * chunk));
  const stored = await buffer(Readable.from(sealChunks(header, keys, Readable.from(pieces))));
  return { dataKey, blobId, plain, stored };
}

/** Reads `start..end` of a stored blob as the blob store will: the header checked, then the range. */
async function read(blob: Sealed, stored: Buffer, start: number, end: number, plainSize = blob.plain.length): Promise<Buffer> {
  const keys = openHeader(blob.dataKey, stored.subarray(0, HEADER_BYTES), blob.blobId);
  const streamAt = async (from: number, to: number) => [stored.subarray(from, to + 1)];
  const parts: Buffer[] = [];
  for await (const part of openRange(streamAt, keys, { plain: plainSize, stored: stored.length }, start, end)) parts.push(part);
  return Buffer.concat(parts);
}

const whole = (blob: Sealed, stored = blob.stored) => read(blob, stored, 0, Math.max(0, blob.plain.length - 1));
const refused = (promise: Promise<unknown>) => assert.rejects(promise, BlobIntegrityError);
/** Segment i of a stored blob, with its tag. */
const segment = (stored: Buffer, i: number) => stored.subarray(segmentOffset(i), segmentOffset(i) + SEALED_SEGMENT_BYTES);

describe('SKG1: segmented AES-256-GCM for blobs at rest', () => {
  test('round trip at every awkward size: empty, one byte, a segment exactly, one past, several', async () => {
    for (const size of [0, 1, S - 1, S, S + 1, 3 * S, 3 * S + 12_345]) {
      const blob = await seal(randomBytes(size));
      assert.equal(blob.stored.length, sealedSize(size), `${size}: the size the format says`);
      assert.equal(plainSizeOf(blob.stored.length), size);
      if (size > 0) assert.deepEqual(await whole(blob), blob.plain, `${size} bytes`);
      else assert.deepEqual(await read(blob, blob.stored, 0, 0), Buffer.alloc(0));
    }
    // Chunks that end on a segment's edge, hold several segments, or are tiny: segments are cut from them in place.
    for (const chunk of [1_000, S, 2 * S, 16 * S + 256, S - 1]) {
      for (const size of [S, 2 * S, 3 * S + 12_345]) {
        const blob = await seal(randomBytes(size), chunk);
        assert.equal(blob.stored.length, sealedSize(size), `${size} in chunks of ${chunk}`);
        assert.deepEqual(await whole(blob), blob.plain, `${size} in chunks of ${chunk}`);
      }
    }
  });

  test('no plaintext in the stored bytes; the same plaintext twice is stored differently', async () => {
    const canary = Buffer.from('SAKUGA-CANARY-7f3a9c '.repeat(8_000));
    const first = await seal(canary);
    const second = await seal(canary);
    assert.equal(first.stored.indexOf('SAKUGA-CANARY'), -1);
    assert.notDeepEqual(first.stored.subarray(HEADER_BYTES), second.stored.subarray(HEADER_BYTES));
  });

  test('property: any range of any blob equals the plaintext slice, across segment edges', async () => {
    for (const size of [1, S, 2 * S + 1, 5 * S - 3, 17 * S + 999]) {
      const blob = await seal(randomBytes(size), 1 + Math.floor(Math.random() * 100_000));
      const edges = [0, 1, S - 1, S, S + 1, 2 * S - 1, 2 * S, size - S, size - 2, size - 1].filter((at) => at >= 0 && at < size);
      const cases: Array<[number, number]> = [];
      for (const a of edges) for (const b of edges) if (a <= b) cases.push([a, b]);
      for (let i = 0; i < 60; i++) {
        const a = Math.floor(Math.random() * size);
        cases.push([a, a + Math.floor(Math.random() * (size - a))]);
      }
      for (const [start, end] of cases) assert.deepEqual(await read(blob, blob.stored, start, end), blob.plain.subarray(start, end + 1), `${size}: bytes ${start}-${end}`);
    }
  });

  test('a range reads only the segments it touches', async () => {
    const blob = await seal(randomBytes(40 * S));
    const keys = openHeader(blob.dataKey, blob.stored.subarray(0, HEADER_BYTES), blob.blobId);
    let readBytes = 0;
    const streamAt = async (from: number, to: number) => {
      readBytes += to - from + 1;
      return [blob.stored.subarray(from, to + 1)];
    };
    const parts: Buffer[] = [];
    for await (const part of openRange(streamAt, keys, { plain: blob.plain.length, stored: blob.stored.length }, 20 * S + 5, 21 * S + 5)) parts.push(part);
    assert.deepEqual(Buffer.concat(parts), blob.plain.subarray(20 * S + 5, 21 * S + 6));
    assert.equal(readBytes, 2 * SEALED_SEGMENT_BYTES, 'two segments of forty');
  });

  describe('tampering: nothing is served', () => {
    test('a flipped bit in a segment, its tag, or the header', async () => {
      const blob = await seal(randomBytes(3 * S + 100));
      for (const at of [segmentOffset(1) + 10, segmentOffset(1) + SEALED_SEGMENT_BYTES - 1, segmentOffset(3) + 50, 10, 30, 60, 70]) {
        const stored = Buffer.from(blob.stored);
        stored[at]! ^= 0x01;
        await refused(whole(blob, stored));
      }
    });

    test('cut at a segment boundary: the record\'s size, and without it the missing last-segment flag, refuse it', async () => {
      const blob = await seal(randomBytes(3 * S + 100));
      const cut = blob.stored.subarray(0, segmentOffset(2));
      await refused(read(blob, cut, 0, 2 * S - 1));
      // Even told the shorter size, the segment that is now last was sealed as not last.
      await refused(read(blob, cut, 0, 2 * S - 1, 2 * S));
      await refused(read(blob, blob.stored.subarray(0, blob.stored.length - 1), 0, 10));
    });

    test('segments swapped within a blob, or moved from another blob under the same key', async () => {
      const blob = await seal(randomBytes(3 * S));
      const swapped = Buffer.concat([blob.stored.subarray(0, segmentOffset(0)), segment(blob.stored, 1), segment(blob.stored, 0), blob.stored.subarray(segmentOffset(2))]);
      await refused(read(blob, swapped, 0, S - 1));
      await refused(read(blob, swapped, S, 2 * S - 1));

      // Another blob, even under the same data key: its own salt and id go into every segment's key and associated data.
      const other = await seal(randomBytes(3 * S), 7_919, blob.dataKey);
      const mixed = Buffer.concat([blob.stored.subarray(0, segmentOffset(1)), segment(other.stored, 1), blob.stored.subarray(segmentOffset(2))]);
      await refused(read(blob, mixed, S, 2 * S - 1));
    });

    test('a cleared last-segment flag: the last segment sealed as a middle one is refused', async () => {
      const blob = await seal(randomBytes(2 * S));
      // Append a copy of segment 0 as a would-be third segment: the real last segment no longer ends the file.
      const longer = Buffer.concat([blob.stored, segment(blob.stored, 0)]);
      await refused(read(blob, longer, 0, 3 * S - 1, 3 * S));
    });

    test('another data key, another blob id, another format version', async () => {
      const blob = await seal(randomBytes(S + 1));
      const header = blob.stored.subarray(0, HEADER_BYTES);
      assert.throws(() => openHeader(randomBytes(32), header, blob.blobId), BlobIntegrityError);
      assert.throws(() => openHeader(blob.dataKey, header, randomBytes(16)), BlobIntegrityError);
      const version = Buffer.from(header);
      version[4] = 2;
      assert.throws(() => openHeader(blob.dataKey, version, blob.blobId), BlobIntegrityError);
      assert.throws(() => openHeader(blob.dataKey, Buffer.from('not an encrypted blob at all, just text'.padEnd(HEADER_BYTES)), blob.blobId), BlobIntegrityError);
    });
  });
});
