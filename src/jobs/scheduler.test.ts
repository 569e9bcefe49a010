import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Candidate, countStarted, pickNext, type RunningCounts } from './scheduler.js';

const caps = { maxRunning: 4, maxRunningPerUser: 2, gpuSlots: 1 };
const running = (byUser: Record<string, number> = {}, gpu = 0): RunningCounts => ({
  total: Object.values(byUser).reduce((a, b) => a + b, 0),
  gpu,
  byUser: new Map(Object.entries(byUser)),
});
const job = (userId: string, createdAt: string, jobClass: 'cpu' | 'gpu' = 'cpu', lastTurn = ''): Candidate => ({ userId, createdAt, jobClass, lastTurn });

test('the user with fewer jobs running goes first, whatever their queue length or age', () => {
  const picked = pickNext([job('heavy', '2026-01-01T00:00:00Z'), job('light', '2026-01-02T00:00:00Z')], running({ heavy: 1 }), caps);
  assert.equal(picked?.userId, 'light');
});

test('equal load: the oldest job first', () => {
  assert.equal(pickNext([job('b', '2026-01-02T00:00:00Z'), job('a', '2026-01-01T00:00:00Z')], running(), caps)?.userId, 'a');
});

test('equal load: the user whose turn came longest ago first, even with a newer job (round-robin)', () => {
  const picked = pickNext([job('busy', '2026-01-01T00:00:00Z', 'cpu', '2026-01-03T00:00:00Z'), job('waiting', '2026-01-02T00:00:00Z', 'cpu', '')], running(), caps);
  assert.equal(picked?.userId, 'waiting');
});

test('caps: global, per user and gpu slots', () => {
  assert.equal(pickNext([job('a', '1')], running({ x: 2, y: 2 }), caps), undefined, 'global cap');
  assert.equal(pickNext([job('a', '1')], running({ a: 2 }), caps), undefined, 'per-user cap');
  assert.equal(pickNext([job('a', '1', 'gpu')], running({ b: 1 }, 1), caps), undefined, 'gpu slots full');
  assert.equal(pickNext([job('a', '1', 'gpu'), job('a', '2', 'cpu')], running({ b: 1 }, 1), caps)?.jobClass, 'cpu', 'a cpu job passes a gpu job waiting for a slot');
});

test('several claims in one go keep within the caps', () => {
  const counts = running();
  const candidates = [job('a', '1', 'gpu'), job('b', '2', 'gpu'), job('c', '3')];
  const first = pickNext(candidates, counts, caps)!;
  countStarted(counts, first);
  const second = pickNext(candidates, counts, caps)!;
  assert.equal(first.userId, 'a');
  assert.equal(second.userId, 'c', 'the second gpu job waits for the one gpu slot');
});
