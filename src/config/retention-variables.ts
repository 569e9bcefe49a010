import { duration, integer } from './parsers.js';
import type { VariableSpec } from './variables.js';

const variable = <T>(spec: VariableSpec<T>): VariableSpec<T> => spec;

/** Retention: how old each kind of thing may grow before a retention run removes it (0: never), and how often one runs. */
export const retentionVariables = {
  RETENTION_UNUSED_UPLOAD_DAYS: variable({
    secret: false,
    default: '0',
    doc: 'Days an upload no job uses is kept before it is erased (0: kept until deleted).',
    parse: integer(0, 3650),
  }),
  RETENTION_LOG_DAYS: variable({
    secret: false,
    default: '90',
    doc: 'Days the log and event history of a finished job are kept (0: kept with the job).',
    parse: integer(0, 3650),
  }),
  RETENTION_OUTPUT_DAYS: variable({
    secret: false,
    default: '0',
    doc: 'Days a finished job is kept before it moves to the trash (then TRASH_DAYS later it is deleted for good); archived jobs too. 0: kept until deleted.',
    parse: integer(0, 3650),
  }),
  RETENTION_INTERVAL: variable({ secret: false, default: '1h', doc: 'How often the server runs retention (and empties the trash of what is past TRASH_DAYS).', parse: duration('1m', '7d') }),
} as const;

/** The ages, in days (0: never), and the interval, as a retention run reads them. */
export interface RetentionPolicy {
  readonly unusedUploadDays: number;
  readonly logDays: number;
  readonly outputDays: number;
  readonly trashDays: number;
  readonly intervalMs: number;
}
