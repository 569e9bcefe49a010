import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupCommit } from './group-commit.js';

/** A write that records each batch it was given and answers after `gate` opens. */
function recordingWrite(answer: (item: number) => number | Error = (item) => item * 10) {
  const batches: number[][] = [];
  let open: () => void = () => {};
  let gate = new Promise<void>((resolve) => (open = resolve));
  const write = async (items: number[]) => {
    batches.push(items);
    await gate;
    return items.map(answer);
  };
  const release = () => {
    open();
    gate = new Promise<void>((resolve) => (open = resolve));
  };
  return { write, batches, release };
}

test('calls made together are written in one batch, and each gets its own answer', async () => {
  const { write, batches, release } = recordingWrite();
  const commit = groupCommit(write, 64);
  const answers = Promise.all([1, 2, 3].map(commit));
  await new Promise((resolve) => setImmediate(resolve));
  release();
  assert.deepEqual(await answers, [10, 20, 30]);
  assert.deepEqual(batches, [[1, 2, 3]]);
});

test('calls arriving during a write wait for it and then share the next one', async () => {
  const { write, batches, release } = recordingWrite();
  const commit = groupCommit(write, 64);
  const first = commit(1);
  await new Promise((resolve) => setImmediate(resolve));
  const later = Promise.all([2, 3, 4].map(commit));
  release();
  assert.equal(await first, 10);
  await new Promise((resolve) => setImmediate(resolve));
  release();
  assert.deepEqual(await later, [20, 30, 40]);
  assert.deepEqual(batches, [[1], [2, 3, 4]]);
});

test('a batch never exceeds its limit', async () => {
  const commit = groupCommit(async (items: number[]) => items.map(() => items.length), 4);
  const sizes = await Promise.all(Array.from({ length: 10 }, (_, i) => commit(i)));
  assert.deepEqual(sizes, [4, 4, 4, 4, 4, 4, 4, 4, 2, 2]);
});

test('an Error answer rejects that call alone; a failed write rejects its whole batch, not the next', async () => {
  const lost = new Error('lease lost');
  const perItem = groupCommit(async (items: number[]) => items.map((item) => (item === 2 ? lost : item)), 64);
  const results = await Promise.allSettled([1, 2, 3].map(perItem));
  assert.deepEqual(results, [
    { status: 'fulfilled', value: 1 },
    { status: 'rejected', reason: lost },
    { status: 'fulfilled', value: 3 },
  ]);

  let fail = true;
  const broken = new Error('database gone');
  const whole = groupCommit(async (items: number[]) => {
    if (fail) {
      fail = false;
      throw broken;
    }
    return items;
  }, 64);
  const failed = await Promise.allSettled([1, 2].map(whole));
  assert.deepEqual(failed.map((result) => result.status === 'rejected' && result.reason), [broken, broken]);
  assert.equal(await whole(3), 3);
});
