import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The library over jobs: a person's notes on a job, the trash (a job in it
 * since `trashed_at`, restorable until TRASH_DAYS), and a full-text index of
 * title, notes and tags: SQLite's FTS5, PostgreSQL's text search. The index
 * is kept by the library's code (library/search-index.ts), filled here for
 * the jobs there are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('notes', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('trashed_at', 'text').execute();
  await db.schema.createIndex('jobs_user_trashed').on('jobs').columns(['user_id', 'trashed_at']).execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema
      .createTable('library_search')
      .addColumn('job_id', 'text', (col) => col.primaryKey().references('jobs.id').onDelete('cascade'))
      .addColumn('document', sql`tsvector`, (col) => col.notNull())
      .execute();
    await sql`create index library_search_document on library_search using gin (document)`.execute(db);
    await sql`insert into library_search (job_id, document)
      select jobs.id, to_tsvector('simple', jobs.title || ' ' || coalesce((select string_agg(tag, ' ') from job_tags where job_tags.job_id = jobs.id), ''))
      from jobs`.execute(db);
  } else {
    await sql`create virtual table library_search using fts5(job_id unindexed, title, notes, tags, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql`insert into library_search (job_id, title, notes, tags)
      select jobs.id, jobs.title, '', coalesce((select group_concat(tag, ' ') from job_tags where job_tags.job_id = jobs.id), '')
      from jobs`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('library_search').execute();
  await db.schema.dropIndex('jobs_user_trashed').execute();
  await db.schema.alterTable('jobs').dropColumn('trashed_at').execute();
  await db.schema.alterTable('jobs').dropColumn('notes').execute();
}
