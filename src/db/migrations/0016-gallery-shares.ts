import type { Kysely } from 'kysely';

/**
 * The gallery: the name a person shows on what they publish (nothing is
 * shown of them until they choose one), and unlisted share links to one
 * output. A link's token is a bearer secret: only its SHA-256 is stored, and
 * the link is shown once, when made.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('display_name', 'text').execute();

  await db.schema
    .createTable('share_links')
    .addColumn('id', 'text', (col) => col.primaryKey()) // for listing and revoking; never the token
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('output_id', 'text', (col) => col.notNull().references('generation_outputs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text') // null: until revoked
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('share_links_output').on('share_links').columns(['output_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('share_links').execute();
  await db.schema.alterTable('users').dropColumn('display_name').execute();
}
