import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ownerSafeMessage, type RunEnd, runResult } from './run-outcome.js';

const END: RunEnd = { allStagesDone: false, exitCode: 1, signal: null, sandboxed: false, stage: 0, elapsedMs: 1_000, cpuSeconds: 60, stderrTail: '' };
const codeOf = (end: Partial<RunEnd>) => {
  const result = runResult({ ...END, ...end });
  return result.outcome === 'failed' ? result.code : result.outcome;
};

describe('how a run ended', () => {
  test('the runner\'s own reason wins over anything the child said', () => {
    const failure = { kind: 'failed' as const, index: 0, code: 'memory_limit', message: 'm', transient: false };
    assert.equal(codeOf({ killedFor: 'cancel', failure }), 'cancelled');
    assert.equal(codeOf({ killedFor: 'timeout', failure, signal: 'SIGKILL' }), 'timeout');
    assert.equal(codeOf({ killedFor: 'artifact', allStagesDone: true, exitCode: 0 }), 'crashed');
  });

  test('the child\'s report: a limit it detected, or its stage\'s own code', () => {
    const limit = runResult({ ...END, failure: { kind: 'failed', index: 2, code: 'process_limit', message: 'at /etc/x', transient: true } });
    assert.deepEqual(limit, { outcome: 'failed', code: 'process_limit', message: 'The job tried to start more processes than its limit.', transient: false, stage: 2 });
    const own = runResult({ ...END, failure: { kind: 'failed', index: 1, code: 'selftest_failed', message: 'bad input in /srv/data/x.mp4', transient: true } });
    assert.deepEqual(own, { outcome: 'failed', code: 'stage_failed', message: 'bad input in <path>', transient: true, stageCode: 'selftest_failed', stage: 1 });
  });

  test('signals name the limit that sent them, directly or through bwrap\'s 128 + n', () => {
    assert.equal(codeOf({ signal: 'SIGXCPU', exitCode: null }), 'cpu_limit');
    assert.equal(codeOf({ sandboxed: true, exitCode: 128 + 24 }), 'cpu_limit');
    assert.equal(codeOf({ signal: 'SIGKILL', exitCode: null, elapsedMs: 61_000 }), 'cpu_limit', 'the hard limit after SIGXCPU was ignored');
    assert.equal(codeOf({ signal: 'SIGKILL', exitCode: null, elapsedMs: 1_000 }), 'crashed', 'too soon to be CPU time');
    assert.equal(codeOf({ signal: 'SIGXFSZ', exitCode: null }), 'file_size_limit');
    assert.equal(codeOf({ signal: 'SIGABRT', exitCode: null }), 'memory_limit');
    // V8's heap-out-of-memory abort seen through bwrap: 128 + 6, which is SIGIOT too.
    assert.equal(codeOf({ sandboxed: true, exitCode: 128 + 6, stderrTail: 'FATAL ERROR: Committing semi space failed. Allocation failed - JavaScript heap out of memory' }), 'memory_limit');
    assert.equal(codeOf({ signal: 'SIGTRAP', exitCode: null, stderrTail: 'Fatal process out of memory: Zone' }), 'memory_limit');
    assert.equal(codeOf({ signal: 'SIGSEGV', exitCode: null }), 'crashed');
    assert.equal(codeOf({ exitCode: 134, sandboxed: false }), 'crashed', 'an exit code is only a signal under bwrap');
  });

  test('success needs every stage done and a clean exit', () => {
    assert.equal(codeOf({ allStagesDone: true, exitCode: 0 }), 'succeeded');
    assert.equal(codeOf({ allStagesDone: false, exitCode: 0 }), 'crashed');
    assert.equal(codeOf({ allStagesDone: true, exitCode: 1 }), 'crashed');
  });
});

test('what the owner reads of a stage\'s message: one short line, no paths, no control characters', () => {
  assert.equal(ownerSafeMessage('open /var/lib/sakuga/data/secrets/key failed'), 'open <path> failed');
  assert.equal(ownerSafeMessage('see "./x/y" and ~/z, 1/2 done'), 'see "<path>" and <path>, 1/2 done');
  assert.equal(ownerSafeMessage('a\u0000b\u001b[31mc\nd'), 'a b [31mc d');
  assert.equal(ownerSafeMessage('x'.repeat(1_000)).length, 300);
  assert.equal(ownerSafeMessage(' \n '), 'A stage of the job failed.');
});
