import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { ERRORS } from '@tus/utils';
import { BlockFileStore } from './block-file-store.js';

// One store for the file: the store checks its directory in the background when built.
const dir = mkdtempSync(join(tmpdir(), 'sakuga-block-store-'));
const store = new BlockFileStore({ directory: dir });
after(() => rmSync(dir, { recursive: true, force: true }));

/** `bytes` cut into uneven pieces, as a socket delivers them. */
function inPieces(bytes: Buffer): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0, size = 1; at < bytes.length; at += size, size = (size * 7 + 13) % 200_003) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

test('bytes arriving in uneven pieces are written exactly, from the offset on, across block boundaries', async () => {
  const before = randomBytes(1000);
  const body = randomBytes(3 * 1024 * 1024 + 12_345);
  writeFileSync(join(dir, 'a'), before);
  assert.equal(await store.write(inPieces(body), 'a', before.length), before.length + body.length);
  assert.deepEqual(readFileSync(join(dir, 'a')), Buffer.concat([before, body]));
});

test('a reused block writes only the new bytes, never what an earlier upload left in it', async () => {
  writeFileSync(join(dir, 'big'), '');
  await store.write(inPieces(randomBytes(2 * 1024 * 1024)), 'big', 0);
  writeFileSync(join(dir, 'small'), '');
  assert.equal(await store.write(Readable.from([Buffer.from('ten bytes!')]), 'small', 0), 10);
  assert.equal(readFileSync(join(dir, 'small'), 'utf8'), 'ten bytes!');
});

test('a request cut off mid-block keeps every byte that arrived', async () => {
  writeFileSync(join(dir, 'cut'), '');
  const arrived = randomBytes(1024 * 1024 + 777);
  // tus ends the body stream (not an error) when the client goes away.
  assert.equal(await store.write(Readable.from([arrived]), 'cut', 0), arrived.length);
  assert.deepEqual(readFileSync(join(dir, 'cut')), arrived);
});

test('a failing body is a write error, and nothing is left pending', async () => {
  writeFileSync(join(dir, 'bad'), '');
  const failing = Readable.from(
    (async function* () {
      yield randomBytes(1024 * 1024);
      yield randomBytes(1024 * 1024);
      throw new Error('socket reset');
    })(),
  );
  await assert.rejects(store.write(failing, 'bad', 0), (error) => error === ERRORS.FILE_WRITE_ERROR);
});

test('an id that would leave the upload directory is refused', async () => {
  await assert.rejects(store.write(Readable.from([Buffer.from('x')]), '../outside', 0), (error) => error === ERRORS.FILE_NOT_FOUND);
});

test('a request is on disk (fsync) before the store reports its new offset', async (t) => {
  writeFileSync(join(dir, 'durable'), '');
  const probe = await open(join(dir, 'durable'));
  const fileHandle = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
  await probe.close();
  const sync = t.mock.method(fileHandle, 'sync');
  await store.write(Readable.from([randomBytes(5000)]), 'durable', 0);
  assert.equal(sync.mock.callCount(), 1);
});
