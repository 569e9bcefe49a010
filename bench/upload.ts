import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Upload } from 'tus-js-client';
import { TEST_PASSWORD } from '../test/helpers/auth.js';

const MB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_UPLOAD_MB ?? 1024);
const CHUNK = Number(process.env.BENCH_UPLOAD_CHUNK_MB ?? 256) * MB;

/** Peak resident memory of a process so far (Linux VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmHWM:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
}

/** Writes `SIZE_MB` of random data sequentially: the disk's own speed, and the file to upload. */
async function rawWrite(path: string): Promise<number> {
  const block = randomBytes(MB);
  const out = createWriteStream(path);
  const started = performance.now();
  for (let i = 0; i < SIZE_MB; i += 1) if (!out.write(block)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return SIZE_MB / ((performance.now() - started) / 1000);
}

/**
 * Issue #6: a large upload over loopback with the official tus-js-client, in
 * MB/s beside a raw sequential write of the same size to the same disk (goal
 * ratio ≥ 0.7), and the server's peak RSS (goal < 200 MB whatever the size).
 */
export const uploadBench = {
  describe: 'upload: 1 GiB over tus (tus-js-client) vs a raw disk write, and the server\'s peak RSS',
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'sakuga-bench-upload-'));
    let child: ChildProcess | undefined;
    try {
      const started = await startBuiltServer(join(dir, 'data'));
      child = started.child;
      const base = `http://127.0.0.1:${started.port}`;
      const source = join(dir, 'source.bin');
      const diskRate = await rawWrite(source);

      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kaito', password: TEST_PASSWORD }) });
      assert.equal(login.status, 200);
      const { access_token } = (await login.json()) as { access_token: string };
      const rssBefore = peakRssMb(child.pid!);

      const uploadStarted = performance.now();
      await new Promise<void>((resolve, reject) => {
        new Upload(createReadStream(source), {
          endpoint: `${base}/api/uploads`,
          headers: { authorization: `Bearer ${access_token}` },
          metadata: { filename: 'bench.mp4', kind: 'video' },
          uploadSize: SIZE_MB * MB,
          chunkSize: CHUNK,
          retryDelays: [],
          onError: reject,
          onSuccess: () => resolve(),
        }).start();
      });
      const uploadRate = SIZE_MB / ((performance.now() - uploadStarted) / 1000);
      const rssPeak = peakRssMb(child.pid!);

      const httpRate = await bareHttpPut(source, join(dir, 'bare-put.bin'));

      console.log(`upload: ${SIZE_MB} MiB, tus-js-client over loopback, chunks of ${CHUNK / MB} MiB`);
      console.log(`  raw sequential write          ${diskRate.toFixed(0).padStart(6)} MB/s   (baseline, same disk)`);
      console.log(`  bare Node HTTP PUT to disk    ${httpRate.toFixed(0).padStart(6)} MB/s   (second baseline: one streamed request, no protocol, no auth)`);
      console.log(`  tus upload                    ${uploadRate.toFixed(0).padStart(6)} MB/s`);
      console.log(`  ratio to the disk             ${(uploadRate / diskRate).toFixed(2)}     (goal ≥ 0.7)`);
      console.log(`  ratio to bare HTTP            ${(uploadRate / httpRate).toFixed(2)}`);
      console.log(`server peak RSS                 ${rssPeak.toFixed(0).padStart(6)} MB     (goal < 200 MB; ${rssBefore.toFixed(0)} MB before the upload)`);
    } finally {
      if (child) {
        child.kill('SIGTERM');
        await once(child, 'exit').catch(() => undefined);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/**
 * The server as `npm start` runs it: the compiled build, its own process, a
 * fresh data dir, one operator made with the CLI. Its memory is then Sakuga's,
 * not a TypeScript loader's.
 */
async function startBuiltServer(dataDir: string): Promise<{ port: number; child: ChildProcess }> {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const env = {
    ...process.env,
    SAKUGA_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    UPLOAD_MAX_VIDEO_BYTES: String(64 * 1024 ** 3),
    UPLOAD_QUOTA_BYTES: String(64 * 1024 ** 3),
  };
  execFileSync(process.execPath, ['dist/main.js', 'user', 'create', '--username', 'kaito', '--role', 'operator', '--password-stdin'], { env, input: TEST_PASSWORD, stdio: ['pipe', 'ignore', 'inherit'] });
  const child = spawn(process.execPath, ['dist/main.js', 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: child.stdout! })) {
    const entry = (() => {
      try {
        return JSON.parse(line) as { msg?: string; port?: number };
      } catch {
        return {};
      }
    })();
    if (entry.msg === 'Sakuga is listening' && entry.port) return { port: entry.port, child };
  }
  throw new Error('the server did not start');
}

/** The floor of any HTTP upload here: a bare node:http server in its own process streaming one PUT to disk. */
async function bareHttpPut(source: string, target: string): Promise<number> {
  const script = `
    const http = require('node:http'); const fs = require('node:fs'); const { pipeline } = require('node:stream/promises');
    const server = http.createServer(async (req, res) => { await pipeline(req, fs.createWriteStream(${JSON.stringify(target)})); res.end('ok'); });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: Number(line), method: 'PUT', path: '/' }, (response) => {
        response.resume();
        response.on('end', resolve);
      });
      request.on('error', reject);
      createReadStream(source).pipe(request);
    });
    return SIZE_MB / ((performance.now() - started) / 1000);
  } finally {
    child.kill('SIGTERM');
    rmSync(target, { force: true });
  }
}
