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

/** Day files looked at, newest first; older history stays on disk for admins and tools. */
const MAX_DAYS = 31;

/**
 * The newest events whose actor is `userId`, newest first. Reads the daily
 * JSONL files from the newest backwards and stops once it has enough.
 */
export async function recentEventsOf(dir: string, userId: string, limit: number): Promise<AuditRecord[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const days = files.filter((name) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(name)).sort().reverse().slice(0, MAX_DAYS);
  const found: AuditRecord[] = [];
  for (const day of days) {
    const lines = (await readFile(join(dir, day), 'utf8')).split('\n').reverse();
    for (const line of lines) {
      if (!line) continue;
      let record: AuditRecord;
      try {
        record = JSON.parse(line) as AuditRecord;
      } catch {
        continue; // a torn last line from a crash is skipped, not fatal
      }
      if (record.actor?.type === 'user' && record.actor.id === userId) {
        found.push(record);
        if (found.length >= limit) return found;
      }
    }
  }
  return found;
}
