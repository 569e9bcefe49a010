import type { Kysely } from 'kysely';

/**
 * A job made for another (a dub's line preview): the link lets the parent's
 * previews be found and pruned without reading every job's options, and
 * removing the parent removes them with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds a REFERENCES column only with a NULL default, which is what a job without a parent has.
  await db.schema.alterTable('jobs').addColumn('parent_id', 'text', (col) => col.references('jobs.id').onDelete('cascade')).execute();
  await db.schema.createIndex('jobs_parent').on('jobs').columns(['parent_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_parent').execute();
  await db.schema.alterTable('jobs').dropColumn('parent_id').execute();
}
