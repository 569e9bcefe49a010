import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import S3rver from 's3rver';
import type { S3Settings } from '../../src/storage/s3-objects.js';

export interface LocalS3 {
  readonly settings: S3Settings;
  close(): Promise<void>;
}

/**
 * A local S3-compatible server (s3rver, speaking S3's REST protocol with
 * signature checks) on a free loopback port, with one bucket; the settings
 * Sakuga would be given for it, path-style as for MinIO.
 */
export async function startLocalS3(bucket = 'sakuga'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'sakuga-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    settings: { bucket, endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The same local S3 server in a process of its own, as a real one would be:
 * for benchmarks, where serving S3 on the measuring process's own event loop
 * would charge its work to whoever reads from it.
 */
export async function startLocalS3Process(bucket = 'sakuga'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'sakuga-s3-'));
  const script = `
    const S3rver = require('s3rver');
    const server = new S3rver({ address: '127.0.0.1', port: 0, directory: process.argv[1], silent: true, configureBuckets: [{ name: process.argv[2] }] });
    server.run().then(({ port }) => console.log(port));`;
  const child = spawn(process.execPath, ['-e', script, directory, bucket], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return {
    settings: { bucket, endpoint: `http://127.0.0.1:${Number(line)}`, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true },
    async close() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The blob storage backends an end-to-end test runs on: local disk, and S3 through a local S3-compatible server (its variables, and how to stop it). */
export const STORAGE_BACKENDS = [
  { name: 'local disk', env: async () => ({ env: {} as Record<string, string>, close: async () => {} }) },
  {
    name: 'S3 (a local S3-compatible server)',
    async env() {
      const s3 = await startLocalS3();
      const { bucket, endpoint, accessKeyId, secretAccessKey } = s3.settings;
      return { env: { STORAGE: 's3', S3_BUCKET: bucket, S3_ENDPOINT: endpoint!, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } as Record<string, string>, close: () => s3.close() };
    },
  },
];
