import type { Kysely } from 'kysely';
import type { Database, LoginThrottleTable } from '../db/types.js';

type Executor = Kysely<Database>;

export async function findThrottleRows(db: Executor, keys: readonly string[]): Promise<LoginThrottleTable[]> {
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', [...keys]).execute();
}

/**
 * Counts one failure atomically (safe across processes): starts a new count
 * when the row is absent or its window began before `windowStart`.
 */
export async function countFailure(db: Executor, key: string, now: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: now, locked_until: null, hard_locked: 0, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_throttle.window_started_at', '<', windowStart)
          .then(1)
          .else(eb('login_throttle.failures', '+', 1))
          .end(),
        window_started_at: eb
          .case()
          .when('login_throttle.window_started_at', '<', windowStart)
          .then(now)
          .else(eb.ref('login_throttle.window_started_at'))
          .end(),
        updated_at: now,
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function lockKey(db: Executor, key: string, values: { lockedUntil: string; hard: boolean; resetCount: boolean; now: string }): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({
      locked_until: values.lockedUntil,
      hard_locked: values.hard ? 1 : 0,
      ...(values.resetCount && { failures: 0, window_started_at: values.now }),
    })
    .where('key', '=', key)
    .execute();
}

export async function clearKey(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
