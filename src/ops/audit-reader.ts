import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AuditRecord {
  readonly time: string;
  readonly action: string;
  readonly result: string;
  readonly actor: { readonly type: string; readonly id?: string };
  readonly ip: string | null;
  readonly target: string | null;
  readonly request_id: string | null;
  readonly details: Record<string, unknown>;
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

/** The days (`YYYY-MM-DD`) that have a log file, newest first; none when the directory does not exist yet. */
export async function auditDays(dir: string): Promise<string[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files
    .filter((name) => DAY_FILE.test(name))
    .map((name) => name.slice(0, 10))
    .sort()
    .reverse();
}

/**
 * One day's records, newest first, each with its line index; only the lines
 * before `end` when it is given (a cursor's position).
 */
export async function* recordsOfDay(dir: string, day: string, end?: number): AsyncGenerator<{ record: AuditRecord; index: number }> {
  const lines = (await readFile(join(dir, `${day}.jsonl`), 'utf8')).split('\n');
  for (let index = Math.min(end ?? lines.length, lines.length) - 1; index >= 0; index -= 1) {
    const line = lines[index];
    if (!line) continue;
    let record: AuditRecord;
    try {
      record = JSON.parse(line) as AuditRecord;
    } catch {
      continue; // a torn last line from a crash is skipped, not fatal
    }
    yield { record, index };
  }
}

/** Day files looked at, newest first; older history stays on disk for admins and tools. */
const MAX_DAYS = 31;

/**
 * The newest events whose actor is `userId`, newest first. Reads the daily
 * JSONL files from the newest backwards and stops once it has enough.
 */
export async function recentEventsOf(dir: string, userId: string, limit: number): Promise<AuditRecord[]> {
  const found: AuditRecord[] = [];
  for (const day of (await auditDays(dir)).slice(0, MAX_DAYS)) {
    for await (const { record } of recordsOfDay(dir, day)) {
      if (record.actor?.type === 'user' && record.actor.id === userId) {
        found.push(record);
        if (found.length >= limit) return found;
      }
    }
  }
  return found;
}
