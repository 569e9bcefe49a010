import { duration, integer } from './parsers.js';
import type { VariableSpec } from './variables.js';

const variable = <T>(spec: VariableSpec<T>): VariableSpec<T> => spec;
const everyDuration = duration('1h', '30d');

/** Backups: where they go, how often the server makes one, how many it keeps. */
export const backupVariables = {
  BACKUP_DIR: variable({
    secret: false,
    doc: 'Where backups are written; best on another disk. Unset: a folder beside the data dir, named after it with -backups.',
    parse: (raw: string) => raw.trim(),
  }),
  BACKUP_INTERVAL: variable({
    secret: false,
    default: '24h',
    doc: 'How often the server makes a backup (off: only `sakuga backup create` and the admin page make one).',
    parse: (raw: string) => (raw.trim() === 'off' ? 0 : everyDuration(raw)),
  }),
  BACKUP_KEEP: variable({ secret: false, default: '14', doc: 'Backups kept; older ones are removed after each new one.', parse: integer(1, 1000) }),
} as const;

export interface BackupConfig {
  readonly dir: string;
  /** 0: never on a schedule. */
  readonly intervalMs: number;
  readonly keep: number;
}
