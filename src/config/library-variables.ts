import { flag, integer } from './parsers.js';
import type { VariableSpec } from './variables.js';

const variable = <T>(spec: VariableSpec<T>): VariableSpec<T> => spec;

/** The library: how long the trash keeps things, and whether anything may be deleted for good on request. */
export const libraryVariables = {
  TRASH_DAYS: variable({ secret: false, default: '30', doc: 'Days a job stays in the trash, restorable, before it is deleted for good (1–3650).', parse: integer(1, 3650) }),
  ENABLE_HARD_DELETE: variable({
    secret: false,
    default: 'false',
    doc: 'Allow deleting a job for good at once (its owner or an admin; files crypto-shredded where encrypted). Off: things leave only through the trash.',
    parse: flag,
  }),
} as const;
