import type { Kysely } from 'kysely';

/**
 * The privacy mode a job runs under (storage/privacy-policy.ts), fixed when it
 * is submitted: the worker acts on it when the job succeeds. Jobs from before
 * privacy modes keep everything, as they always did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('jobs')
    .addColumn('privacy_mode', 'text', (col) => col.notNull().defaultTo('off'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('privacy_mode').execute();
}
