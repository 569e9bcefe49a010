import type { Kysely } from 'kysely';

/** A person's defaults for new jobs (GET/PUT /api/settings): a row only once they have saved some. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_settings')
    .addColumn('user_id', 'text', (col) => col.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('target_language', 'text')
    .addColumn('voice', 'text')
    .addColumn('privacy_mode', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_settings').execute();
}
