import { integer } from './parsers.js';
import type { VariableSpec } from './variables.js';

const variable = <T>(spec: VariableSpec<T>) => spec;

/** Generation's own limits (its engine is in engine-variables.ts). */
export const generationVariables = {
  GENERATE_PROMPT_MAX: variable({ secret: false, default: '500', doc: 'Longest prompt (and negative prompt) a generation takes, in characters (1–4000).', parse: integer(1, 4000) }),
  GENERATE_DAILY_LIMIT: variable({ secret: false, default: '0', doc: 'Generations each user may submit per UTC day; 0: no limit.', parse: integer(0, 1_000_000) }),
  GENERATE_DAILY_GPU_SECONDS: variable({ secret: false, default: '0', doc: 'Seconds of generation engine time each user may use per UTC day (from queueing its prompt to its outputs read; Sakuga is the engine\'s only client, so this is the time it worked for that user); 0: no limit.', parse: integer(0, 86_400 * 64) }),
} as const;
