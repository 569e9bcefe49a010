import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { usageErrors } from './errors.js';

const DAY_MS = 86_400_000;

export interface UsageLimits {
  /** GENERATE_DAILY_LIMIT; 0: none. */
  readonly dailyGenerations: number;
  /** GENERATE_DAILY_GPU_SECONDS; 0: none. */
  readonly dailyGpuSeconds: number;
  /** JOBS_GPU_SLOTS: gpu-class jobs (generations, dubs) running at once, for everyone. */
  readonly gpuSlots: number;
}

interface Allowance {
  readonly used: number;
  /** null: no limit. */
  readonly limit: number | null;
  readonly remaining: number | null;
}

const allowance = (used: number, limit: number): Allowance => (limit === 0 ? { used, limit: null, remaining: null } : { used, limit, remaining: Math.max(0, limit - used) });

/**
 * Per-user daily allowances for generation: how many may be submitted and
 * how much engine time they may use, per UTC day. Checked at submission
 * (429 with Retry-After until midnight UTC past either); engine time is
 * recorded by the worker after each engine call, failed ones included (the
 * engine worked either way).
 */
export function createGenerationUsage(deps: { db: Db; limits: UsageLimits; now: () => Date }) {
  const { db } = deps;

  function today() {
    const now = deps.now();
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return { day: new Date(start).toISOString().slice(0, 10), start: new Date(start).toISOString(), resetsAt: new Date(start + DAY_MS), now };
  }

  async function used(userId: string) {
    const { day, start } = today();
    const [generations, engine] = await Promise.all([
      db.selectFrom('jobs').select((eb) => eb.fn.countAll<string | number>().as('n')).where('user_id', '=', userId).where('type', '=', 'generate').where('created_at', '>=', start).executeTakeFirstOrThrow(),
      db.selectFrom('generation_usage').select((eb) => eb.fn.sum<string | number | null>('engine_ms').as('ms')).where('user_id', '=', userId).where('day', '=', day).executeTakeFirstOrThrow(),
    ]);
    return { generations: Number(generations.n), gpuSeconds: Math.ceil(Number(engine.ms ?? 0) / 1000) };
  }

  return {
    /** Throws 429 (Retry-After: until midnight UTC) when the user has no generation or engine time left today. */
    async admit(userId: string): Promise<void> {
      const { dailyGenerations, dailyGpuSeconds } = deps.limits;
      if (dailyGenerations === 0 && dailyGpuSeconds === 0) return;
      const spent = await used(userId);
      const { resetsAt, now } = today();
      const retryAfterSeconds = Math.ceil((resetsAt.getTime() - now.getTime()) / 1000);
      if (dailyGenerations > 0 && spent.generations >= dailyGenerations) throw new AppError(usageErrors.generation_limit_reached, undefined, { retryAfterSeconds });
      if (dailyGpuSeconds > 0 && spent.gpuSeconds >= dailyGpuSeconds) throw new AppError(usageErrors.gpu_time_limit_reached, undefined, { retryAfterSeconds });
    },

    /** `GET /api/usage`: today's use, limits and what is left. */
    async report(userId: string) {
      const spent = await used(userId);
      const { day, resetsAt } = today();
      return {
        day,
        resets_at: resetsAt.toISOString(),
        generations: allowance(spent.generations, deps.limits.dailyGenerations),
        gpu_seconds: allowance(spent.gpuSeconds, deps.limits.dailyGpuSeconds),
        gpu_slots: deps.limits.gpuSlots,
      };
    },

    /** Adds one engine call's time to the job's row (a retried job adds to the day of its first call). */
    async recordEngineTime(job: { id: string; userId: string }, ms: number): Promise<void> {
      const { day } = today();
      const spent = Math.max(0, Math.round(ms));
      await db
        .insertInto('generation_usage')
        .values({ job_id: job.id, user_id: job.userId, day, engine_ms: spent })
        .onConflict((oc) => oc.column('job_id').doUpdateSet({ engine_ms: sql`generation_usage.engine_ms + ${spent}` }))
        .execute();
    },
  };
}

export type GenerationUsage = ReturnType<typeof createGenerationUsage>;
