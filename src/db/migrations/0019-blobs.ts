import type { Kysely } from 'kysely';

/**
 * What the blob store holds (src/storage/): each blob a row, under the name
 * the code uses for it (`key`), stored as an immutable object named by its
 * random `id`. Replacing a blob writes a new object and points the row at
 * it, so a crash never leaves a row naming half a file, and backups copy
 * objects by id. Several rows may share one object (a dub's kept render is
 * its files as they were, without a copy); it is deleted with its last
 * row. With encryption at rest, `kid` and `wrapped_key` hold the
 * blob's data key wrapped under a key-encryption key: rotation rewrites
 * these two columns only, and deleting the rows erases the blob. Both are
 * null for a blob stored in plaintext. The wrapped key is base64 text, one
 * type SQLite and PostgreSQL treat alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('blobs')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('size', 'bigint', (col) => col.notNull())
    .addColumn('stored_size', 'bigint', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('kid', 'text')
    .addColumn('wrapped_key', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('blobs_id').on('blobs').column('id').execute();
  await db.schema.createIndex('blobs_kid').on('blobs').column('kid').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('blobs').execute();
}
