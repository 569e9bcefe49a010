import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { ConcurrencyLimiter } from './limiter.js';

test('never more than `concurrency` tasks at once; every queued task still runs', async () => {
  const limiter = new ConcurrencyLimiter(2, 100);
  let running = 0;
  let peak = 0;
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(2);
        running -= 1;
        return i;
      }),
    ),
  );
  assert.equal(peak, 2);
  assert.deepEqual(results.map((r) => r?.value), Array.from({ length: 20 }, (_, i) => i));
});

test('a full queue refuses at once instead of growing', async () => {
  const limiter = new ConcurrencyLimiter(1, 2);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held = [limiter.run(() => gate), limiter.run(() => gate), limiter.run(() => gate)];
  assert.equal(limiter.queued, 2);
  assert.equal(await limiter.run(async () => 'late'), undefined);
  release();
  await Promise.all(held);
  assert.deepEqual(await limiter.run(async () => 'after'), { value: 'after' });
});

test('a failing task frees its slot', async () => {
  const limiter = new ConcurrencyLimiter(1, 10);
  await assert.rejects(limiter.run(async () => Promise.reject(new Error('boom'))));
  assert.deepEqual(await limiter.run(async () => 1), { value: 1 });
});
