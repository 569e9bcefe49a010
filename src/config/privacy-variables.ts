import { PRIVACY_MODES, type PrivacyMode } from '../storage/privacy-policy.js';
import { flag, oneOf } from './parsers.js';
import type { VariableSpec } from './variables.js';

const variable = <T>(spec: VariableSpec<T>): VariableSpec<T> => spec;

/** Privacy modes: what a job keeps once it has run (src/storage/privacy-policy.ts decides). */
export const privacyVariables = {
  PRIVACY_MODE: variable({
    secret: false,
    default: 'off',
    doc: 'The privacy mode of people who have not chosen one: off (keep everything), balanced (intermediates and extracted audio removed after success, no transcript text in logs), minimal (also the source upload after ingest: only the final outputs remain).',
    parse: oneOf(PRIVACY_MODES),
  }),
  PRIVACY_LEAST_MODE: variable({ secret: false, default: 'off', doc: 'The least private mode anyone may choose for their jobs (off, balanced or minimal).', parse: oneOf(PRIVACY_MODES) }),
  PRIVACY_MINIMAL_REQUIRES_ENCRYPTION: variable({ secret: false, default: 'false', doc: 'Refuse the minimal mode unless ENCRYPTION_AT_REST is on (its outputs are then the only copy, and encrypted).', parse: flag }),
} as const;

type Lookup = (name: string) => unknown;

/** Rules that must hold between the variables, reported with the rest at boot. */
export function privacyProblems(get: Lookup): string[] {
  const rank = (name: string) => PRIVACY_MODES.indexOf(get(name) as PrivacyMode);
  const problems: string[] = [];
  if (rank('PRIVACY_MODE') < rank('PRIVACY_LEAST_MODE')) problems.push('PRIVACY_MODE: must not be less private than PRIVACY_LEAST_MODE');
  if (get('PRIVACY_MINIMAL_REQUIRES_ENCRYPTION') === true && get('ENCRYPTION_AT_REST') !== true && (get('PRIVACY_MODE') === 'minimal' || get('PRIVACY_LEAST_MODE') === 'minimal')) {
    problems.push('PRIVACY_MODE: minimal needs ENCRYPTION_AT_REST=on (PRIVACY_MINIMAL_REQUIRES_ENCRYPTION)');
  }
  return problems;
}
