import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditRecord } from './audit-reader.js';

export interface AuditFilter {
  /** An exact action (`user.create`) or a family (`user` matches every `user.*`). */
  readonly action?: string | undefined;
  /** A user id: events that user caused. */
  readonly actor?: string | undefined;
  readonly result?: 'success' | 'failure' | 'denied' | undefined;
  /** Inclusive lower bound, ISO 8601. */
  readonly from?: string | undefined;
  /** Exclusive upper bound, ISO 8601. */
  readonly to?: string | undefined;
}

export interface AuditPage {
  readonly events: AuditRecord[];
  /** Where the next (older) page starts, or null when nothing older matched. */
  readonly nextCursor: string | null;
}

/**
 * A position in the log: a day file and the number of lines of it still to
 * read (newest first). Day files are append-only, so a position stays valid
 * while new events arrive; it is plain text because it reveals nothing an
 * admin cannot read anyway.
 */
export const AUDIT_CURSOR_PATTERN = '^\\d{4}-\\d{2}-\\d{2}\\.\\d{1,9}$';

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

function matches(record: AuditRecord, filter: AuditFilter): boolean {
  if (filter.action && record.action !== filter.action && !record.action.startsWith(`${filter.action}.`)) return false;
  if (filter.actor && !(record.actor?.type === 'user' && record.actor.id === filter.actor)) return false;
  if (filter.result && record.result !== filter.result) return false;
  // ISO 8601 UTC strings from the writer compare correctly as text; the bounds are normalised to the same form.
  if (filter.from && record.time < filter.from) return false;
  if (filter.to && record.time >= filter.to) return false;
  return true;
}

const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);

/**
 * Every user's events, newest first, filtered, one page at a time. Reads the
 * daily JSONL files from the newest (or the cursor's) backwards, skipping days
 * outside the time range without opening them.
 */
export async function queryAuditLog(dir: string, filter: AuditFilter, limit: number, cursor?: string): Promise<AuditPage> {
  const bounds = { ...filter, from: filter.from && new Date(filter.from).toISOString(), to: filter.to && new Date(filter.to).toISOString() };
  const [cursorDay, cursorLines] = cursor ? [cursor.slice(0, 10), Number(cursor.slice(11))] : [undefined, undefined];
  const files = await readdir(dir).catch(() => [] as string[]);
  const days = files
    .filter((name) => DAY_FILE.test(name))
    .map((name) => name.slice(0, 10))
    .filter((day) => (!cursorDay || day <= cursorDay) && (!bounds.from || day >= dayOf(bounds.from)) && (!bounds.to || day <= dayOf(bounds.to)))
    .sort()
    .reverse();

  const events: AuditRecord[] = [];
  for (const day of days) {
    const lines = (await readFile(join(dir, `${day}.jsonl`), 'utf8')).split('\n');
    const start = day === cursorDay ? Math.min(cursorLines!, lines.length) : lines.length;
    for (let index = start - 1; index >= 0; index -= 1) {
      const line = lines[index];
      if (!line) continue;
      let record: AuditRecord;
      try {
        record = JSON.parse(line) as AuditRecord;
      } catch {
        continue; // a torn last line from a crash is skipped, not fatal
      }
      if (!matches(record, bounds)) continue;
      if (events.length === limit) return { events, nextCursor: `${day}.${index + 1}` };
      events.push(record);
    }
  }
  return { events, nextCursor: null };
}
