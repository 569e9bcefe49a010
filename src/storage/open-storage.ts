import { join } from 'node:path';
import type { StorageConfig } from '../config/storage-variables.js';
import type { Db } from '../db/types.js';
import { type BlobStore, type BlobStoreDeps, createBlobStore } from './blob-store.js';
import { createFsObjects } from './fs-objects.js';
import type { Keyring } from './crypto/data-key.js';
import { openStorageKeyring } from './keys/storage-keys.js';
import type { ObjectStore } from './object-store.js';
import { createS3Objects } from './s3-objects.js';

export interface Storage {
  readonly objects: ObjectStore;
  readonly blobs: BlobStore;
  /** The storage keys, when encryption at rest is on. */
  readonly keyring?: Keyring;
}

/** The configured backend (local disk under `<data dir>/blobs`, or S3). */
export function objectStoreFor(config: StorageConfig, dataDir: string): ObjectStore {
  if (config.backend === 'fs') return createFsObjects(join(dataDir, 'blobs'));
  const { accessKeyId, secretAccessKey, ...s3 } = config.s3;
  return createS3Objects({ ...s3, accessKeyId: accessKeyId.reveal(), secretAccessKey: secretAccessKey.reveal() });
}

/**
 * The blob store as configured, its keys opened first: with encryption at
 * rest on, a missing key stops the start here (StorageKeyError), before
 * anything can be written.
 */
export async function openStorage(deps: { config: StorageConfig; dataDir: string; db: Db; now: () => Date; onShredded?: BlobStoreDeps['onShredded'] }): Promise<Storage> {
  const keyring = await openStorageKeyring({ db: deps.db, dataDir: deps.dataDir, encrypted: deps.config.encrypted, now: deps.now });
  const objects = objectStoreFor(deps.config, deps.dataDir);
  return { objects, blobs: createBlobStore({ db: deps.db, objects, now: deps.now, ...(keyring && { keyring }), ...(deps.onShredded && { onShredded: deps.onShredded }) }), ...(keyring && { keyring }) };
}
