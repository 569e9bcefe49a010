import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Mailed single-use links serve two purposes: signing in, and proving that a
  // person controls the address they gave. A link only ever works for its own.
  await db.schema
    .alterTable('magic_links')
    .addColumn('purpose', 'text', (col) => col.notNull().defaultTo('sign_in'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('magic_links').dropColumn('purpose').execute();
}
