import { integer } from './parsers.js';
import type { VariableSpec } from './variables.js';

const variable = <T>(spec: VariableSpec<T>) => spec;

/** Generation's own limits (its engine is in engine-variables.ts). */
export const generationVariables = {
  GENERATE_PROMPT_MAX: variable({ secret: false, default: '500', doc: 'Longest prompt (and negative prompt) a generation takes, in characters (1–4000).', parse: integer(1, 4000) }),
} as const;
