import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './load.js';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

test('privacy: off by default; a default looser than the least allowed mode, or minimal without the encryption it requires, stops the boot', () => {
  assert.deepEqual(loadConfig({}).privacy, { defaultMode: 'off', leastMode: 'off', minimalNeedsEncryption: false });
  assert.deepEqual(loadConfig({ PRIVACY_MODE: 'Minimal', PRIVACY_LEAST_MODE: 'balanced' }).privacy, { defaultMode: 'minimal', leastMode: 'balanced', minimalNeedsEncryption: false });
  assert.deepEqual(problems({ PRIVACY_MODE: 'paranoid' }).map((line) => line.split(':')[0]), ['PRIVACY_MODE']);
  assert.deepEqual(problems({ PRIVACY_MODE: 'off', PRIVACY_LEAST_MODE: 'balanced' }), ['PRIVACY_MODE: must not be less private than PRIVACY_LEAST_MODE']);
  assert.deepEqual(problems({ PRIVACY_MODE: 'minimal', PRIVACY_MINIMAL_REQUIRES_ENCRYPTION: 'true' }), ['PRIVACY_MODE: minimal needs ENCRYPTION_AT_REST=on (PRIVACY_MINIMAL_REQUIRES_ENCRYPTION)']);
  assert.deepEqual(problems({ PRIVACY_MODE: 'minimal', PRIVACY_MINIMAL_REQUIRES_ENCRYPTION: 'true', ENCRYPTION_AT_REST: 'on' }), []);
});
