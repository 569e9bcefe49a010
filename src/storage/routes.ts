import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { StorageConfig } from '../config/storage-variables.js';
import type { Db } from '../db/types.js';
import { errorResponses } from '../http/schemas.js';
import type { SecretSealers } from './keys/sealed-secrets.js';
import { storageStatus } from './status.js';

const State = Type.Union([Type.Literal('active'), Type.Literal('decrypt'), Type.Literal('retired')]);
const StatusReply = Type.Object({
  backend: Type.Union([Type.Literal('fs'), Type.Literal('s3')]),
  location: Type.String({ description: 'Where blobs live: the data dir, or s3://bucket/prefix (never a credential).' }),
  encryption: Type.Object({
    enabled: Type.Boolean(),
    keys: Type.Array(Type.Object({ kid: Type.String(), state: State, blobs: Type.Integer(), secrets: Type.Integer({ description: 'TOTP and request-signing secrets sealed under it.' }), created_at: Type.String() })),
    plaintext_blobs: Type.Integer({ description: 'Blobs still in plaintext; with encryption on, sealed in the background.' }),
    rewrap_left: Type.Integer({ description: 'Data keys still under a key a rotation replaced; re-wrapped in the background.' }),
    reseal_left: Type.Integer({ description: 'TOTP and request-signing secrets not yet under the active key; re-sealed in the background.' }),
  }),
  shredded: Type.Object(
    {
      objects: Type.Integer({ description: 'Files deleted for good (the shred ledger).' }),
      encrypted: Type.Integer({ description: 'Of those, encrypted: erased when their data keys were deleted.' }),
      in_older_backups: Type.Integer({ description: 'Encrypted ones a database backup from before their deletion could still open, until `keys` are retired and destroyed.' }),
      keys: Type.Array(Type.String()),
    },
    { description: 'Deleted for good, and what of it older backups could still bring back.' },
  ),
  totals: Type.Object({ blobs: Type.Integer(), bytes: Type.Integer() }),
  users: Type.Array(Type.Object({ user_id: Type.String(), username: Type.String(), artifact_bytes: Type.Integer(), upload_bytes: Type.Integer() })),
});

/** Admins: where blobs live, encryption at rest with its keys and progress, and how much each person's work takes. */
export function storageRoutes(deps: { db: Db; config: StorageConfig; sealers: () => Promise<SecretSealers> }) {
  return async function storageRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/admin/storage',
      { config: { permission: 'settings:manage' }, schema: { summary: 'Admins: the blob storage, encryption at rest (keys, rotation progress) and usage per user', tags: ['storage'], response: { 200: StatusReply, ...errorResponses(401, 403) } } },
      async (_request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return storageStatus(deps.db, deps.config, await deps.sealers());
      },
    );
  };
}
