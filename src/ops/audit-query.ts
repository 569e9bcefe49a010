import { type AuditRecord, auditDays, recordsOfDay } from './audit-reader.js';

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
  const days = (await auditDays(dir)).filter(
    (day) => (!cursorDay || day <= cursorDay) && (!bounds.from || day >= dayOf(bounds.from)) && (!bounds.to || day <= dayOf(bounds.to)),
  );

  const events: AuditRecord[] = [];
  for (const day of days) {
    for await (const { record, index } of recordsOfDay(dir, day, day === cursorDay ? cursorLines : undefined)) {
      if (!matches(record, bounds)) continue;
      if (events.length === limit) return { events, nextCursor: `${day}.${index + 1}` };
      events.push(record);
    }
  }
  return { events, nextCursor: null };
}
