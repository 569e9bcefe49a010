import type { Db } from '../db/types.js';
import { clearKey, countFailure, findThrottleRows, lockKey } from './login-throttle-store.js';

/** Consecutive failures an account may have before each further one costs a wait. */
export const ACCOUNT_FREE_FAILURES = 5;
const ACCOUNT_BACKOFF_BASE_MS = 30_000;
const ACCOUNT_BACKOFF_CAP_MS = 15 * 60_000;
/** After this many, only an admin can unlock the account. */
export const ACCOUNT_HARD_LOCK_FAILURES = 100;
/** Failures from one address within the window that block it for IP_BLOCK_MS. */
export const IP_MAX_FAILURES = 10;
const IP_WINDOW_MS = 10 * 60_000;
const IP_BLOCK_MS = 10 * 60_000;
/** Wrong second-factor codes (TOTP or recovery) before the step locks, and for how long. */
export const SECOND_FACTOR_MAX_FAILURES = 5;
const SECOND_FACTOR_LOCK_MS = 15 * 60_000;
/** What a hard-locked account is told to wait (it needs an admin, but says nothing more). */
const HARD_LOCK_RETRY_MS = 60 * 60_000;

export type ThrottleVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number; readonly reason: string };

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

const accountKey = (username: string) => `user:${username}`;
const ipKey = (ip: string) => `ip:${ip}`;
const secondFactorKey = (userId: string) => `2fa:${userId}`;

/**
 * Sign-in throttling shared by every process through the database. Accounts
 * are keyed by the name typed, whether or not it exists, so throttling reveals
 * nothing about which accounts exist. Attempts while locked are refused without
 * being counted, so an attacker cannot stretch a lock forever; the backoff is
 * capped, and only a long campaign reaches the hard lock.
 */
export function createLoginThrottle(deps: { db: Db; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  async function check(username: string, ip: string): Promise<ThrottleVerdict> {
    const at = now();
    const rows = await findThrottleRows(deps.db, [accountKey(username), ipKey(ip)]);
    let wait = 0;
    let reason = '';
    for (const row of rows) {
      const remaining = row.hard_locked ? HARD_LOCK_RETRY_MS : row.locked_until ? Date.parse(row.locked_until) - at.getTime() : 0;
      if (remaining > wait) {
        wait = remaining;
        reason = row.hard_locked ? 'account_hard_locked' : row.key.startsWith('ip:') ? 'ip_blocked' : 'account_backoff';
      }
    }
    return wait > 0 ? { allowed: false, retryAfterMs: wait, reason } : { allowed: true };
  }

  async function recordFailure(username: string, ip: string): Promise<void> {
    const at = now();
    const iso = at.toISOString();
    await deps.db.transaction().execute(async (trx) => {
      // Consecutive account failures never expire by time; only a success or an admin resets them.
      const accountFailures = await countFailure(trx, accountKey(username), iso, '0000');
      if (accountFailures >= ACCOUNT_HARD_LOCK_FAILURES) {
        await lockKey(trx, accountKey(username), { lockedUntil: iso, hard: true, resetCount: false, now: iso });
      } else if (accountFailures >= ACCOUNT_FREE_FAILURES) {
        const backoff = Math.min(ACCOUNT_BACKOFF_BASE_MS * 2 ** (accountFailures - ACCOUNT_FREE_FAILURES), ACCOUNT_BACKOFF_CAP_MS);
        await lockKey(trx, accountKey(username), { lockedUntil: new Date(at.getTime() + backoff).toISOString(), hard: false, resetCount: false, now: iso });
      }
      const windowStart = new Date(at.getTime() - IP_WINDOW_MS).toISOString();
      const ipFailures = await countFailure(trx, ipKey(ip), iso, windowStart);
      if (ipFailures >= IP_MAX_FAILURES) {
        await lockKey(trx, ipKey(ip), { lockedUntil: new Date(at.getTime() + IP_BLOCK_MS).toISOString(), hard: false, resetCount: true, now: iso });
      }
    });
  }

  /** Clears an account's count and any lock: a successful sign-in (not the address's count) or an admin's unlock. */
  const clearAccount = (username: string) => clearKey(deps.db, accountKey(username));

  /** Milliseconds left on the user's second-factor lock, or 0. */
  async function secondFactorLockedFor(userId: string): Promise<number> {
    const [row] = await findThrottleRows(deps.db, [secondFactorKey(userId)]);
    return row?.locked_until ? Math.max(0, Date.parse(row.locked_until) - now().getTime()) : 0;
  }

  /** Counts a wrong code; the fifth within the lock period locks the step for 15 minutes. */
  async function recordSecondFactorFailure(userId: string): Promise<boolean> {
    const at = now();
    const iso = at.toISOString();
    return deps.db.transaction().execute(async (trx) => {
      const windowStart = new Date(at.getTime() - SECOND_FACTOR_LOCK_MS).toISOString();
      const failures = await countFailure(trx, secondFactorKey(userId), iso, windowStart);
      if (failures < SECOND_FACTOR_MAX_FAILURES) return false;
      const lockedUntil = new Date(at.getTime() + SECOND_FACTOR_LOCK_MS).toISOString();
      await lockKey(trx, secondFactorKey(userId), { lockedUntil, hard: false, resetCount: true, now: iso });
      return true;
    });
  }

  const clearSecondFactor = (userId: string) => clearKey(deps.db, secondFactorKey(userId));

  /**
   * Counts one event under `key` in a sliding window and says whether the count
   * is still within `limit` (used for mail-sending limits, not sign-in failures).
   */
  async function withinLimit(key: string, limit: number, windowMs: number): Promise<boolean> {
    const at = now();
    const count = await countFailure(deps.db, key, at.toISOString(), new Date(at.getTime() - windowMs).toISOString());
    return count <= limit;
  }

  return { withinLimit, check, recordFailure, recordSuccess: clearAccount, unlockAccount: clearAccount, secondFactorLockedFor, recordSecondFactorFailure, clearSecondFactor };
}
