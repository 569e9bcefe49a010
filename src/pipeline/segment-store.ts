import type { Kysely } from 'kysely';
import type { Database, DubSegmentsTable } from '../db/types.js';
import type { Segment } from './segments.js';

type Executor = Kysely<Database>;

/** Rows per INSERT (SQLite binds at most 32766 values; a row is 17). */
const ROWS_PER_INSERT = 1_000;

function rowOf(jobId: string, segment: Segment, position: number, at: string): DubSegmentsTable {
  return {
    job_id: jobId,
    id: segment.id,
    position,
    start_ms: segment.startMs,
    end_ms: segment.endMs,
    speaker: segment.speaker,
    source_text: segment.sourceText,
    target_text: segment.targetText,
    voice: segment.voice,
    locked: segment.locked ? 1 : 0,
    hash: segment.hash,
    clip_sha256: segment.clip?.sha256 ?? null,
    clip_ms: segment.clip ? Math.round(segment.clip.durationMs) : null,
    tempo: segment.tempo,
    overflow_ms: segment.overflowMs === null ? null : Math.round(segment.overflowMs),
    warnings: JSON.stringify(segment.warnings),
    updated_at: at,
  };
}

export function segmentOf(row: DubSegmentsTable): Segment {
  return {
    id: row.id,
    startMs: Number(row.start_ms),
    endMs: Number(row.end_ms),
    speaker: row.speaker,
    sourceText: row.source_text,
    targetText: row.target_text,
    voice: row.voice,
    locked: Number(row.locked) === 1,
    hash: row.hash,
    clip: row.clip_sha256 === null || row.clip_ms === null ? null : { sha256: row.clip_sha256, durationMs: Number(row.clip_ms) },
    tempo: row.tempo === null ? null : Number(row.tempo),
    overflowMs: row.overflow_ms === null ? null : Number(row.overflow_ms),
    warnings: JSON.parse(row.warnings) as string[],
  };
}

/** A dub's segments in source order. */
export async function listSegments(db: Executor, jobId: string): Promise<Segment[]> {
  const rows = await db.selectFrom('dub_segments').selectAll().where('job_id', '=', jobId).orderBy('position').execute();
  return rows.map(segmentOf);
}

/** Makes the dub's table exactly `segments` (ids kept), in one transaction. */
export async function replaceSegments(db: Executor, jobId: string, segments: readonly Segment[], at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('dub_segments').where('job_id', '=', jobId).execute();
    const rows = segments.map((segment, position) => rowOf(jobId, segment, position, at));
    for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) await trx.insertInto('dub_segments').values(rows.slice(from, from + ROWS_PER_INSERT)).execute();
  });
}

/** Up to `limit` segments after position `afterPosition` (−1: from the first), in source order, with their positions. */
export async function pageSegments(db: Executor, jobId: string, afterPosition: number, limit: number): Promise<Array<{ position: number; segment: Segment }>> {
  const rows = await db.selectFrom('dub_segments').selectAll().where('job_id', '=', jobId).where('position', '>', afterPosition).orderBy('position').limit(limit).execute();
  return rows.map((row) => ({ position: Number(row.position), segment: segmentOf(row) }));
}

export async function countSegments(db: Executor, jobId: string): Promise<number> {
  const row = await db.selectFrom('dub_segments').select((eb) => eb.fn.countAll<string | number>().as('n')).where('job_id', '=', jobId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One segment, its position, and its neighbours' times (what bounds its own). */
export async function segmentWithNeighbours(db: Executor, jobId: string, id: string) {
  const row = await db.selectFrom('dub_segments').selectAll().where('job_id', '=', jobId).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const position = Number(row.position);
  const near = await db.selectFrom('dub_segments').select(['position', 'start_ms', 'end_ms']).where('job_id', '=', jobId).where('position', 'in', [position - 1, position + 1]).execute();
  const at = (p: number) => near.find((other) => Number(other.position) === p);
  const before = at(position - 1);
  const after = at(position + 1);
  return {
    position,
    segment: segmentOf(row),
    previousEndMs: before ? Number(before.end_ms) : null,
    nextStartMs: after ? Number(after.start_ms) : null,
  };
}

/** The edited fields of one segment; true when the row was there to change. */
export async function updateSegmentFields(
  db: Executor,
  jobId: string,
  id: string,
  fields: Pick<Segment, 'startMs' | 'endMs' | 'speaker' | 'targetText' | 'voice' | 'locked'>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('dub_segments')
    .set({ start_ms: fields.startMs, end_ms: fields.endMs, speaker: fields.speaker, target_text: fields.targetText, voice: fields.voice, locked: fields.locked ? 1 : 0, updated_at: at })
    .where('job_id', '=', jobId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
