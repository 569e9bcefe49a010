import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
