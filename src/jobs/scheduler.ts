import type { JobClass } from './job-types.js';

export interface SchedulerCaps {
  readonly maxRunning: number;
  readonly maxRunningPerUser: number;
  readonly gpuSlots: number;
}

/** The oldest claimable job of one user in one class. */
export interface Candidate {
  readonly userId: string;
  readonly jobClass: JobClass;
  readonly createdAt: string;
  /** When this user last had a job started ('' if never): sorts as text. */
  readonly lastTurn: string;
}

/** What runs now, by user and class. */
export interface RunningCounts {
  total: number;
  gpu: number;
  readonly byUser: Map<string, number>;
}

/**
 * Picks which user's job runs next, or none when a cap is reached. Fair
 * share: the user with the fewest jobs running goes first; among equals, the
 * one whose turn came longest ago (round-robin), then the oldest job. So one
 * user's 500 queued jobs cannot starve another's one: the newcomer is next as
 * soon as a slot frees. gpu jobs also need a gpu slot; a cpu job may pass a
 * gpu job that is waiting for one.
 */
export function pickNext(candidates: readonly Candidate[], running: RunningCounts, caps: SchedulerCaps): Candidate | undefined {
  if (running.total >= caps.maxRunning) return undefined;
  let best: Candidate | undefined;
  let bestLoad = Infinity;
  for (const candidate of candidates) {
    const load = running.byUser.get(candidate.userId) ?? 0;
    if (load >= caps.maxRunningPerUser) continue;
    if (candidate.jobClass === 'gpu' && running.gpu >= caps.gpuSlots) continue;
    if (best === undefined || load < bestLoad || (load === bestLoad && before(candidate, best))) {
      best = candidate;
      bestLoad = load;
    }
  }
  return best;
}

function before(a: Candidate, b: Candidate): boolean {
  return a.lastTurn !== b.lastTurn ? a.lastTurn < b.lastTurn : a.createdAt < b.createdAt;
}

/** Counts a job just claimed, so several claims in one transaction respect the caps. */
export function countStarted(running: RunningCounts, picked: Candidate): void {
  running.total += 1;
  if (picked.jobClass === 'gpu') running.gpu += 1;
  running.byUser.set(picked.userId, (running.byUser.get(picked.userId) ?? 0) + 1);
}
