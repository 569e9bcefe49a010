import { integer } from './parsers.js';
import type { VariableSpec } from './variables.js';

/** A decimal within [min, max]. */
function decimal(min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) throw new Error(`must be a number from ${min} to ${max}`);
    return value;
  };
}

const variable = <T>(spec: VariableSpec<T>): VariableSpec<T> => spec;

/** How a dub fits and mixes its lines (the numbers peers learned: docs/dubbing.md). */
export const dubVariables = {
  DUB_MAX_TEMPO: variable({
    secret: false,
    default: '1.35',
    doc: 'Most a dubbed line is sped up to fit its slot (1.0–1.5); up to 1.15 silently, beyond with a warning, past this cap the overflow is recorded.',
    parse: decimal(1, 1.5),
  }),
  DUB_DUCK_DB: variable({ secret: false, default: '-12', doc: 'How far the original audio is lowered under each dubbed line, in dB (−40 to 0).', parse: decimal(-40, 0) }),
  DUB_RENDERS_KEPT: variable({ secret: false, default: '3', doc: 'Earlier renders of a dub kept as numbered versions after a re-render (0–50); older ones are removed.', parse: integer(0, 50) }),
  DUB_MOBILE_MAX_HEIGHT: variable({ secret: false, default: '720', doc: 'Tallest picture of mobile.mp4 and the HLS stream, in pixels (240–1080: H.264 level 4.1 holds no more); a taller video is scaled down.', parse: integer(240, 1080) }),
} as const;
