import { type Kysely, sql } from 'kysely';

/**
 * The key-encryption keys of encryption at rest, by key id, and what each
 * may do: `active` wraps new data keys (exactly one), `decrypt` only
 * unwraps (after a rotation, until every data key is re-wrapped), `retired`
 * nothing. The keys themselves are files in `<data dir>/secrets/storage-keys/`,
 * never in the database: a copy of the database alone opens no blob.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('storage_keys')
    .addColumn('kid', 'text', (col) => col.primaryKey())
    .addColumn('state', 'text', (col) => col.notNull().check(sql`state in ('active', 'decrypt', 'retired')`))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  // Two processes making the first key at once: only one of them can be active.
  await db.schema.createIndex('storage_keys_one_active').on('storage_keys').column('state').unique().where(sql.ref('state'), '=', 'active').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('storage_keys').execute();
}
