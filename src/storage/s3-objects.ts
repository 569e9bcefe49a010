import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { assertObjectId, type ObjectStore, StorageUnavailable } from './object-store.js';

export interface S3Settings {
  readonly bucket: string;
  /** For MinIO, Garage, SeaweedFS and the like; absent: AWS. */
  readonly endpoint?: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`: what self-hosted servers expect. */
  readonly forcePathStyle: boolean;
  /** Prepended to every object key, to share a bucket. */
  readonly prefix?: string;
}

/** Parts of a multipart upload: S3's smallest but the last is 5 MiB. */
const PART_BYTES = 8 * 1024 * 1024;

const notFound = (error: unknown) => error instanceof S3ServiceException && (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);

/**
 * A failure of the service itself (unreachable, refused credentials, a 5xx)
 * becomes StorageUnavailable: a 503 for the request, and nothing half-done,
 * since objects are written whole or not at all.
 */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (notFound(error)) throw error;
    if (error instanceof TypeError || error instanceof RangeError) throw error;
    throw new StorageUnavailable(`the S3 storage did not answer as expected (${(error as Error).name})`);
  }
}

/**
 * Objects in an S3 bucket (AWS, or a self-hosted server speaking its REST
 * protocol), under `<prefix><first two digits>/<id>`. Writes are multipart
 * uploads of unknown length, complete or aborted: S3 shows an object only
 * once its upload completes.
 */
export function createS3Objects(settings: S3Settings): ObjectStore & { readonly client: S3Client } {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint && { endpoint: settings.endpoint }),
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    maxAttempts: 3,
  });
  const Bucket = settings.bucket;
  const prefix = settings.prefix ?? '';
  const keyOf = (id: string) => {
    assertObjectId(id);
    return `${prefix}${id.slice(0, 2)}/${id}`;
  };

  async function get(id: string, range: string | undefined) {
    const reply = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(id), ...(range && { Range: range }) }));
    return reply.Body as Readable;
  }

  return {
    kind: 's3',
    client,

    async put(id, body) {
      let bytes = 0;
      let sourceFailed: unknown;
      async function* counted() {
        try {
          for await (const chunk of body) {
            bytes += (chunk as Buffer).length;
            yield chunk as Buffer;
          }
        } catch (error) {
          sourceFailed = error;
          throw error;
        }
      }
      try {
        await guarded(() => new Upload({ client, params: { Bucket, Key: keyOf(id), Body: Readable.from(counted()) }, partSize: PART_BYTES, queueSize: 2, leavePartsOnError: false }).done());
      } catch (error) {
        // The stream being stored failed (a client gone mid-upload): its error, not the storage's.
        throw sourceFailed ?? error;
      }
      return bytes;
    },

    read: (id, position, length) =>
      guarded(async () => {
        if (length === 0) return Buffer.alloc(0);
        const body = await get(id, `bytes=${position}-${position + length - 1}`);
        const chunks: Buffer[] = [];
        for await (const chunk of body) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      }),

    stream: (id, range) => guarded(() => get(id, range && `bytes=${range.start}-${range.end}`)),

    async size(id) {
      try {
        return await guarded(async () => (await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(id) }))).ContentLength);
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },

    delete: (id) => guarded(async () => void (await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(id) })))),

    async *list() {
      let token: string | undefined;
      do {
        const page = await guarded(() => client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ...(token && { ContinuationToken: token }) })));
        for (const object of page.Contents ?? []) {
          const id = object.Key?.slice(prefix.length).split('/')[1];
          if (id && /^[0-9a-f]{32}$/.test(id)) yield { id, modifiedAt: object.LastModified ?? new Date(0) };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
