import { sql } from 'kysely';
import { dialectOf } from '../db/database.js';
import type { Db } from '../db/types.js';

/** What a job is found by: its title, its notes, its tags. */
/** Documents per statement: well inside what either database binds at once. */
const CHUNK = 500;

export interface SearchDocument {
  readonly jobId: string;
  readonly title: string;
  readonly notes: string | null;
  readonly tags: readonly string[];
}

/**
 * The library's full-text index (migration 0023): SQLite's FTS5 with the
 * unicode61 tokenizer (diacritics folded), PostgreSQL's text search with the
 * `simple` configuration (no stemming: titles are names, in any language).
 * Every value is bound; a person's words never become query syntax.
 */
export async function indexJobs(db: Db, documents: readonly SearchDocument[], options: { fresh?: boolean } = {}): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  for (let at = 0; at < documents.length; at += CHUNK) {
    const chunk = documents.slice(at, at + CHUNK);
    if (postgres) {
      // `simple` folds case, not accents: folded here, as the words searched for are.
      const rows = chunk.map((doc) => sql`(${doc.jobId}, to_tsvector('simple', ${foldAccents(`${doc.title} ${doc.notes ?? ''} ${doc.tags.join(' ')}`)}))`);
      await sql`insert into library_search (job_id, document) values ${sql.join(rows)} on conflict (job_id) do update set document = excluded.document`.execute(db);
    } else {
      // FTS5 has no upsert: a job indexed before is taken out first (new jobs, `fresh`, were never in).
      if (!options.fresh) await sql`delete from library_search where job_id in (${sql.join(chunk.map((doc) => doc.jobId))})`.execute(db);
      const rows = chunk.map((doc) => sql`(${doc.jobId}, ${doc.title}, ${doc.notes ?? ''}, ${doc.tags.join(' ')})`);
      await sql`insert into library_search (job_id, title, notes, tags) values ${sql.join(rows)}`.execute(db);
    }
  }
}

export async function unindexJob(db: Db, jobId: string): Promise<void> {
  await sql`delete from library_search where job_id = ${jobId}`.execute(db);
}

/** Letters without their accents (café → cafe), as SQLite's tokenizer folds them. */
const foldAccents = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');

/** The words of a search, letters and digits only: each must be found, as a word or the start of one. */
export function searchWords(text: string): string[] {
  return (foldAccents(text.normalize('NFKC')).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12).map((word) => word.toLowerCase());
}

/** A subquery of the ids of jobs whose document has every word (as a prefix); undefined when there are no words. */
export function matchingJobIds(db: Db, text: string) {
  const words = searchWords(text);
  if (words.length === 0) return undefined;
  if (dialectOf(db) === 'postgres') {
    const query = words.map((word) => `${word}:*`).join(' & ');
    return sql<string>`(select job_id from library_search where document @@ to_tsquery('simple', ${query}))`;
  }
  // FTS5: each word a quoted string (no operator can be formed from letters and digits) with a prefix star.
  const query = words.map((word) => `"${word}"*`).join(' ');
  return sql<string>`(select job_id from library_search where library_search match ${query})`;
}
