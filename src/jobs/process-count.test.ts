import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countTasksOfUid, tasksIfOwnedBy } from './process-count.js';

test('counting a uid\'s tasks reads the real uid and the thread count', () => {
  const status = (uid: string, threads: string) => `Name:\tnode\nUid:\t${uid}\t0\t0\t0\nThreads:\t${threads}\n`;
  assert.equal(tasksIfOwnedBy(status('65534', '7'), 65534), 7);
  assert.equal(tasksIfOwnedBy(status('0\t65534', '7'), 65534), 0, 'the effective uid does not count, the real one does');
  assert.equal(tasksIfOwnedBy('Uid:\t65534\t65534\t65534\t65534\n', 65534), 1);
});

test('the count for our own uid includes at least this process\'s threads', async () => {
  assert.ok((await countTasksOfUid(process.getuid?.() ?? 0)) >= 1);
});
