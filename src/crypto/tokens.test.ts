import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomToken, secretsEqual, sha256Hex } from './tokens.js';

test('randomToken carries 256 bits by default and never repeats', () => {
  const a = randomToken();
  const b = randomToken();
  assert.equal(Buffer.from(a, 'base64url').length, 32);
  assert.match(a, /^[A-Za-z0-9_-]+$/);
  assert.notEqual(a, b);
});

test('sha256Hex matches the published test vector', () => {
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('secretsEqual compares contents, including different lengths', () => {
  assert.equal(secretsEqual('same-secret', 'same-secret'), true);
  assert.equal(secretsEqual('same-secret', 'same-secreT'), false);
  assert.equal(secretsEqual('short', 'a much longer value'), false);
  assert.equal(secretsEqual('', ''), true);
});
