import { type Static, Type } from 'typebox';
import { FORK_CEILING } from './selftest-stages.js';

/**
 * The `selftest` job type: stages that misbehave on purpose (hog the CPU,
 * the memory, the process table, try the network or the file system) so the
 * runner's limits and sandbox can be proven on a real machine, by the tests
 * and by an operator (`SAKUGA_SELFTEST_JOBS`). One stage per step. The
 * handlers that run in the child are in selftest-stages.ts, which loads
 * without TypeBox.
 */

const Milliseconds = Type.Integer({ minimum: 0, maximum: 600_000, description: 'At most 10 minutes.' });
const strict = { additionalProperties: false } as const;

const SelftestStep = Type.Union([
  Type.Object({ op: Type.Literal('sleep'), ms: Milliseconds }, { ...strict, description: 'Wait, reporting progress.' }),
  Type.Object({ op: Type.Literal('spin'), ms: Milliseconds }, { ...strict, description: 'Busy loop: a CPU hog.' }),
  Type.Object(
    { op: Type.Literal('alloc'), mb: Type.Integer({ minimum: 1, maximum: 65_536, description: 'MiB, at most 64 GiB.' }) },
    { ...strict, description: 'Allocate and touch memory, hold it, release it: a memory hog.' },
  ),
  Type.Object(
    { op: Type.Literal('fork'), times: Type.Optional(Type.Integer({ minimum: 1, maximum: FORK_CEILING, description: 'Processes to start; until refused when absent.' })) },
    { ...strict, description: 'Start long-lived processes: a fork bomb.' },
  ),
  Type.Object({ op: Type.Literal('net'), port: Type.Integer({ minimum: 1, maximum: 65_535 }) }, { ...strict, description: 'Try TCP connections to 127.0.0.1:port and beyond.' }),
  Type.Object(
    {
      op: Type.Literal('fail'),
      transient: Type.Optional(Type.Boolean()),
      times: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000, description: 'Fail while attempt ≤ times; always when absent.' })),
    },
    { ...strict, description: 'Fail with selftest_failed.' },
  ),
  Type.Object(
    { op: Type.Literal('write'), path: Type.String({ minLength: 2, maxLength: 4_096, pattern: '^/' }) },
    { ...strict, description: 'Create a new file at an absolute path (never overwrites).' },
  ),
]);

/** The options of a selftest job; `steps` is reused by the job-type registry. */
export const SelftestOptions = Type.Object({ steps: Type.Array(SelftestStep, { minItems: 1, maxItems: 50 }) }, strict);
export type SelftestOptions = Static<typeof SelftestOptions>;
export type SelftestStep = Static<typeof SelftestStep>;

/** The stage names of a selftest job: `step-1`, `step-2`, … */
export function selftestStageNames(options: SelftestOptions): string[] {
  return options.steps.map((_, index) => `step-${index + 1}`);
}
