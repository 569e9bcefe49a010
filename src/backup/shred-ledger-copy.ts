import { existsSync } from 'node:fs';
import { appendFile, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShredLedgerTable } from '../storage/tables.js';

/**
 * The shred ledger, copied beside the backups (outside the data dir): a
 * disaster that takes the database takes its ledger too, yet a restore must
 * still know what was erased after the backup it restores was made. Each
 * shred is appended at once (when backups exist); each backup adds what the
 * database holds. One JSON line per erased object, no names.
 */
export const ledgerCopyFile = (backupDir: string) => join(backupDir, 'shred-ledger.jsonl');

export async function appendLedgerCopy(backupDir: string, entries: readonly ShredLedgerTable[]): Promise<void> {
  if (entries.length === 0 || !existsSync(backupDir)) return;
  const handle = await open(ledgerCopyFile(backupDir), 'a', 0o600);
  try {
    await handle.appendFile(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Every object id the copy says was erased, with its entry (a torn last line from a crash is skipped). */
export async function readLedgerCopy(backupDir: string): Promise<Map<string, ShredLedgerTable>> {
  const text = await readFile(ledgerCopyFile(backupDir), 'utf8').catch(() => '');
  const entries = new Map<string, ShredLedgerTable>();
  for (const line of text.split('\n')) {
    try {
      const entry = JSON.parse(line) as ShredLedgerTable;
      if (typeof entry.object_id === 'string' && /^[0-9a-f]{32}$/.test(entry.object_id)) entries.set(entry.object_id, entry);
    } catch {
      // an empty or torn line
    }
  }
  return entries;
}

/** Adds the database's entries the copy lacks. */
export async function mergeLedgerCopy(backupDir: string, fromDatabase: readonly ShredLedgerTable[]): Promise<void> {
  const known = await readLedgerCopy(backupDir);
  const missing = fromDatabase.filter((entry) => !known.has(entry.object_id));
  if (missing.length > 0) await appendFile(ledgerCopyFile(backupDir), missing.map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600 });
}
