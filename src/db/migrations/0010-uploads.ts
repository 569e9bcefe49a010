import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (col) => col.primaryKey()) // server-generated; also the file's name on disk
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('filename', 'text', (col) => col.notNull()) // sanitised; metadata only, never a path
    .addColumn('declared_size', 'bigint', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull()) // receiving | validating | accepted | rejected
    .addColumn('reason', 'text')
    .addColumn('media', 'text') // JSON, once validated
    .addColumn('sha256', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('uploads_user_id').on('uploads').columns(['user_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('uploads').execute();
}
