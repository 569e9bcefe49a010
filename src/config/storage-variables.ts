import type { S3Settings } from '../storage/s3-objects.js';
import { flag, httpUrl, nonEmpty, oneOf } from './parsers.js';
import type { Secret } from './secret.js';
import type { VariableSpec } from './variables.js';

const variable = <T>(spec: VariableSpec<T>) => spec;

export const STORAGE_BACKENDS = ['fs', 's3'] as const;

function bucketName(raw: string): string {
  const value = raw.trim();
  // S3's rule for bucket names (lowercase, digits, dots, dashes; 3 to 63), which MinIO and Garage follow too.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value)) throw new Error('must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots or dashes');
  return value;
}

function keyPrefix(raw: string): string {
  const value = raw.trim();
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\/$/.test(value)) throw new Error('must be path parts ending in /, e.g. sakuga/');
  return value;
}

/** Where blobs live, and whether they are encrypted there. */
export const storageVariables = {
  STORAGE: variable({ secret: false, default: 'fs', doc: 'Where blobs are kept: fs (under <data dir>/blobs) or s3 (a bucket: AWS, MinIO, Garage, SeaweedFS).', parse: oneOf(STORAGE_BACKENDS) }),
  S3_BUCKET: variable({ secret: false, doc: 'STORAGE=s3: the bucket (it must exist).', parse: bucketName }),
  S3_ENDPOINT: variable({ secret: false, doc: 'STORAGE=s3: the server, e.g. http://127.0.0.1:9000 for MinIO. Unset: AWS.', parse: httpUrl }),
  S3_REGION: variable({ secret: false, default: 'us-east-1', doc: 'STORAGE=s3: the region (self-hosted servers usually accept any).', parse: nonEmpty }),
  S3_FORCE_PATH_STYLE: variable({ secret: false, default: 'true', doc: 'STORAGE=s3: address the bucket in the path (MinIO, Garage, SeaweedFS) rather than the host name (AWS\'s virtual hosts).', parse: flag }),
  S3_PREFIX: variable({ secret: false, doc: 'STORAGE=s3: a folder inside the bucket for Sakuga\'s objects, ending in /. Unset: the bucket\'s root.', parse: keyPrefix }),
  ENCRYPTION_AT_REST: variable({
    secret: false,
    default: 'false',
    doc: 'Encrypt every blob Sakuga stores (AES-256-GCM, a key per blob). On, the server refuses to start without its keys and never writes a blob in plaintext.',
    parse: flag,
  }),
} as const;

export const storageSecretVariables = {
  S3_ACCESS_KEY_ID: variable({ secret: true, doc: 'STORAGE=s3: the access key id.', parse: nonEmpty }),
  S3_SECRET_ACCESS_KEY: variable({ secret: true, doc: 'STORAGE=s3: the secret access key.', parse: nonEmpty }),
} as const;

export type StorageKeyName = keyof typeof storageSecretVariables;

export type StorageConfig = { readonly encrypted: boolean } & (
  | { readonly backend: 'fs' }
  | { readonly backend: 's3'; readonly s3: Omit<S3Settings, 'accessKeyId' | 'secretAccessKey'> & { readonly accessKeyId: Secret; readonly secretAccessKey: Secret } }
);

type Lookup = (name: string) => unknown;

/** What the storage variables must agree on: S3 needs its bucket and both credentials; S3 settings without STORAGE=s3 are a mistake. */
export function storageProblems(get: Lookup): string[] {
  const s3 = get('STORAGE') === 's3';
  const problems: string[] = [];
  for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) if (s3 && get(name) === undefined) problems.push(`${name}: required with STORAGE=s3`);
  for (const name of ['S3_BUCKET', 'S3_ENDPOINT', 'S3_PREFIX', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) if (!s3 && get(name) !== undefined) problems.push(`${name}: only used with STORAGE=s3`);
  return problems;
}

export function storageConfig(get: Lookup, secret: (name: StorageKeyName) => Secret | undefined): StorageConfig {
  const encrypted = get('ENCRYPTION_AT_REST') as boolean;
  if (get('STORAGE') !== 's3') return { encrypted, backend: 'fs' };
  const endpoint = get('S3_ENDPOINT') as string | undefined;
  const prefix = get('S3_PREFIX') as string | undefined;
  return {
    encrypted,
    backend: 's3',
    s3: {
      bucket: get('S3_BUCKET') as string,
      region: (get('S3_REGION') as string).trim(),
      forcePathStyle: get('S3_FORCE_PATH_STYLE') as boolean,
      ...(endpoint && { endpoint }),
      ...(prefix && { prefix }),
      accessKeyId: secret('S3_ACCESS_KEY_ID')!,
      secretAccessKey: secret('S3_SECRET_ACCESS_KEY')!,
    },
  };
}
