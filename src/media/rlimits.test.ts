import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prlimitOptions } from './rlimits.js';

test('prlimit options: soft and hard CPU, and nothing that is not a whole number', () => {
  assert.deepEqual(prlimitOptions({ addressSpaceBytes: 1024, cpuSeconds: 10, cpuHardSeconds: 13, fileBytes: 5, tasks: 70 }), [
    '--as=1024',
    '--cpu=10:13',
    '--fsize=5',
    '--nproc=70',
  ]);
  assert.deepEqual(prlimitOptions({ cpuSeconds: 10 }), ['--cpu=10']);
  assert.throws(() => prlimitOptions({ addressSpaceBytes: 1.5 }), RangeError);
  assert.throws(() => prlimitOptions({ tasks: -1 }), RangeError);
});
