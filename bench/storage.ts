import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { type BlobStore, createBlobStore } from '../src/storage/blob-store.js';
import { createKeyring, keyIdOf } from '../src/storage/crypto/data-key.js';
import { createFsObjects } from '../src/storage/fs-objects.js';
import type { ObjectStore } from '../src/storage/object-store.js';
import { createS3Objects } from '../src/storage/s3-objects.js';
import { startLocalS3Process } from '../test/helpers/s3.js';
import { median } from './measure.js';

const MIB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_STORAGE_MB ?? 256);
const RANGE_MB = 64;
const TTFB_ROUNDS = 41;
const GOALS = { encryptedVsPlain: 0.7, ttfbMs: 10 };

/** The blob's bytes (1 MiB chunks, made once) streamed as an upload arrives. */
function payload(chunks: readonly Buffer[]): Readable {
  return Readable.from(chunks);
}

async function drain(body: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) bytes += (chunk as Buffer).length;
  return bytes;
}

const UPLOAD_ROUNDS = 3;
const RANGE_ROUNDS = 7;

/** One upload of the whole blob, MB/s. */
async function upload(store: BlobStore, chunks: readonly Buffer[], key: string): Promise<number> {
  const started = performance.now();
  await store.put(key, payload(chunks));
  return SIZE_MB / ((performance.now() - started) / 1000);
}

/**
 * A loopback HTTP server answering `GET /<key>` with `Range: bytes=a-b` from
 * the blob store, as the artifact routes do: what a player's Range GET costs,
 * the socket and the client's reading included, for both contenders alike.
 */
async function rangeServer(stores: Map<string, BlobStore>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const key = decodeURIComponent((request.url ?? '/').slice(1));
    const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '') ?? [];
    void (async () => {
      const blob = await stores.get(key)!.read(key, { start: Number(from), end: Number(to) });
      response.writeHead(206, { 'content-length': Number(to) - Number(from) + 1 });
      await pipeline(blob!.body, response);
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The client, in a process of its own as a player is: one GET with the Range given, timed from request to last byte. */
const CLIENT = `
import { get } from 'node:http';
const [url, range] = process.argv.slice(1);
const started = performance.now();
get(url, { headers: { range } }, async (response) => {
  let bytes = 0;
  for await (const chunk of response) bytes += chunk.length;
  console.log(JSON.stringify({ bytes, ms: performance.now() - started }));
});
`;

/** One Range GET of RANGE_MB from the blob's middle over HTTP, MB/s. */
async function rangeGet(base: string, key: string): Promise<number> {
  const middle = Math.floor((SIZE_MB * MIB) / 2);
  const range = `bytes=${middle - (RANGE_MB * MIB) / 2}-${middle + (RANGE_MB * MIB) / 2 - 1}`;
  const output = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', CLIENT, `${base}/${encodeURIComponent(key)}`, range], (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  const { bytes, ms } = JSON.parse(output) as { bytes: number; ms: number };
  if (bytes !== RANGE_MB * MIB) throw new Error(`read ${bytes} bytes`);
  return RANGE_MB / (ms / 1000);
}

/** The time to the first byte of a 1 MiB read at a random offset, ms. */
async function firstByte(store: BlobStore, key: string): Promise<number> {
  const at = Math.floor(Math.random() * (SIZE_MB - 2)) * MIB + 12_345;
  const begin = performance.now();
  const body = (await store.read(key, { start: at, end: at + MIB - 1 }))!.body;
  let took = Number.NaN;
  for await (const _chunk of body) {
    took = performance.now() - begin;
    break;
  }
  body.destroy();
  return took;
}

/** Plain and encrypted over one backend, in interleaved rounds (A B, B A, …); medians. */
async function compare(plain: BlobStore, sealed: BlobStore, chunks: readonly Buffer[], prefix: string) {
  const contenders = [
    { store: plain, key: `${prefix}-plain`, upload: [] as number[], range: [] as number[], ttfb: [] as number[] },
    { store: sealed, key: `${prefix}-sealed`, upload: [] as number[], range: [] as number[], ttfb: [] as number[] },
  ];
  const order = (round: number) => (round % 2 === 0 ? contenders : [...contenders].reverse());
  for (let round = 0; round < UPLOAD_ROUNDS; round++) for (const one of order(round)) one.upload.push(await upload(one.store, chunks, one.key));
  const server = await rangeServer(new Map(contenders.map((one) => [one.key, one.store])));
  try {
    for (let round = 0; round < RANGE_ROUNDS; round++) for (const one of order(round)) one.range.push(await rangeGet(server.url, one.key));
  } finally {
    await server.close();
  }
  for (let round = 0; round < TTFB_ROUNDS; round++) for (const one of order(round)) one.ttfb.push(await firstByte(one.store, one.key));
  const [p, e] = contenders.map((one) => ({ upload: median(one.upload), range: median(one.range), ttfb: median(one.ttfb) }));
  return { plain: p!, sealed: e! };
}

const mbps = (value: number) => `${value.toFixed(0).padStart(6)} MB/s`;
const ms = (value: number) => `${value.toFixed(2).padStart(7)} ms`;

export const storageBench = {
  describe: 'blob store: upload and Range GET throughput, mid-file time to first byte, encrypted vs plain, local disk and S3',
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'sakuga-bench-storage-'));
    const handle = openDatabase({ kind: 'sqlite', file: join(dir, 'sakuga.db') });
    // In a process of its own, as an S3 server is: its work is not charged to the reader.
    const s3 = await startLocalS3Process();
    try {
      await migrateToLatest(handle.db);
      const chunks = Array.from({ length: SIZE_MB }, () => randomBytes(MIB));
      const kek = randomBytes(32);
      const keyring = createKeyring([kek], keyIdOf(kek));
      const backends: Array<[string, ObjectStore]> = [
        ['local disk', createFsObjects(join(dir, 'blobs'))],
        ['S3 (s3rver in its own process, on loopback)', createS3Objects(s3.settings)],
      ];
      console.log(`storage: a ${SIZE_MB} MiB blob, plain and encrypted in interleaved rounds, medians: ${UPLOAD_ROUNDS} uploads, ${RANGE_ROUNDS} Range GETs of ${RANGE_MB} MiB from its middle over loopback HTTP, ${TTFB_ROUNDS} times to the first byte of a 1 MiB read at a random offset`);

      // The floor under local disk: the same bytes read straight from a file, as a plain static server sends them.
      await createFsObjects(join(dir, 'raw')).put('0'.repeat(32), payload(chunks));
      for (const [name, objects] of backends) {
        const { plain, sealed } = await compare(
          createBlobStore({ db: handle.db, objects, now: () => new Date() }),
          createBlobStore({ db: handle.db, objects, keyring, now: () => new Date() }),
          chunks,
          `bench/${objects.kind}`,
        );
        console.log(`${name}:`);
        console.log(`  upload       plain ${mbps(plain.upload)}   encrypted ${mbps(sealed.upload)}   ratio ${(sealed.upload / plain.upload).toFixed(2)}x`);
        console.log(`  Range GET    plain ${mbps(plain.range)}   encrypted ${mbps(sealed.range)}   ratio ${(sealed.range / plain.range).toFixed(2)}x   (goal ≥ ${GOALS.encryptedVsPlain}x)`);
        console.log(`  first byte   plain ${ms(plain.ttfb)}   encrypted ${ms(sealed.ttfb)}${name === 'local disk' ? `   (goal < ${GOALS.ttfbMs} ms on local disk)` : ''}`);
      }
      const started = performance.now();
      const bytes = await drain(createReadStream(join(dir, 'raw', '00', '0'.repeat(32)), { start: 0, end: RANGE_MB * MIB - 1 }));
      console.log(`for scale: ${RANGE_MB} MiB read straight from a file with fs.createReadStream: ${mbps(bytes / MIB / ((performance.now() - started) / 1000))}`);
    } finally {
      await handle.close();
      await s3.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
