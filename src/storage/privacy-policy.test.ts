import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedModes, modeForJob, type PrivacyRules, promiseOf } from './privacy-policy.js';

const rules = (change: Partial<PrivacyRules> = {}): PrivacyRules => ({ defaultMode: 'off', leastMode: 'off', minimalNeedsEncryption: false, encryptionOn: false, ...change });

test('each mode keeps what it promises: off everything, balanced the source, minimal only the outputs', () => {
  assert.deepEqual(promiseOf('off'), { removeIntermediates: false, removeSourceAudio: false, removeSourceUpload: false, transcriptInLogs: true });
  assert.deepEqual(promiseOf('balanced'), { removeIntermediates: true, removeSourceAudio: true, removeSourceUpload: false, transcriptInLogs: false });
  assert.deepEqual(promiseOf('minimal'), { removeIntermediates: true, removeSourceAudio: true, removeSourceUpload: true, transcriptInLogs: false });
});

test("the job's choice wins, then the person's preference, then the server default", () => {
  assert.deepEqual(modeForJob(rules({ defaultMode: 'balanced' }), {}), { mode: 'balanced' });
  assert.deepEqual(modeForJob(rules({ defaultMode: 'balanced' }), { preference: 'off' }), { mode: 'off' });
  assert.deepEqual(modeForJob(rules(), { preference: 'off', job: 'minimal' }), { mode: 'minimal' });
});

test('never looser than the admin allows: an explicit choice is refused, a stale preference is raised', () => {
  const strict = rules({ defaultMode: 'balanced', leastMode: 'balanced' });
  assert.deepEqual(modeForJob(strict, { job: 'off' }), { refused: 'privacy_mode_not_allowed' });
  assert.deepEqual(modeForJob(strict, { preference: 'off' }), { mode: 'balanced' });
  assert.deepEqual(allowedModes(strict), ['balanced', 'minimal']);
});

test('minimal is refused where the admin requires encryption and it is off', () => {
  const needs = rules({ minimalNeedsEncryption: true });
  assert.deepEqual(modeForJob(needs, { job: 'minimal' }), { refused: 'encryption_required' });
  assert.deepEqual(modeForJob(rules({ minimalNeedsEncryption: true, leastMode: 'minimal', defaultMode: 'minimal' }), {}), { refused: 'encryption_required' });
  assert.deepEqual(allowedModes(needs), ['off', 'balanced']);
  assert.deepEqual(modeForJob({ ...needs, encryptionOn: true }, { job: 'minimal' }), { mode: 'minimal' });
});
