import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (col) => col.primaryKey()) // public: the key's prefix
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('secret_hash', 'text', (col) => col.notNull()) // SHA-256 of the whole key
    .addColumn('scopes', 'text', (col) => col.notNull()) // JSON array
    .addColumn('allowed_cidrs', 'text') // JSON array; null = anywhere
    .addColumn('require_signature', 'integer', (col) => col.notNull())
    // Keys that must sign their requests: the secret sealed (AES-256-GCM) so a signature can be checked.
    .addColumn('signing_secret_sealed', 'text')
    .addColumn('created_by_key_id', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('last_used_ip', 'text')
    .execute();
  await db.schema.createIndex('api_keys_user_id').on('api_keys').column('user_id').execute();

  // Nonces of signed requests, remembered for the signature window (replays are refused).
  await db.schema
    .createTable('request_nonces')
    .addColumn('key_id', 'text', (col) => col.notNull().references('api_keys.id').onDelete('cascade'))
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('request_nonces_pk', ['key_id', 'nonce'])
    .execute();
  await db.schema.createIndex('request_nonces_expires_at').on('request_nonces').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_nonces').execute();
  await db.schema.dropTable('api_keys').execute();
}
