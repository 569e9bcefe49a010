import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../http/app-error.js';
import { createPasswordPolicy } from './password-policy.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.code;
  }
};

test('nist: 15 characters without 2FA, 8 with it, no composition rules', () => {
  const policy = createPasswordPolicy('nist');
  assert.equal(codeOf(() => policy.check('fourteen chars', { username: 'mika' })), 'password_too_short');
  assert.equal(codeOf(() => policy.check('all lowercase ok!', { username: 'mika' })), undefined);
  assert.equal(codeOf(() => policy.check('ab3$gh7k', { username: 'mika', secondFactor: true })), undefined);
  assert.equal(codeOf(() => policy.check('ab3$gh7', { username: 'mika', secondFactor: true })), 'password_too_short');
});

test('lengths count characters, not bytes; long passphrases are accepted untruncated', () => {
  const policy = createPasswordPolicy('nist');
  assert.equal(codeOf(() => policy.check('桜'.repeat(15), { username: 'mika' })), undefined);
  assert.equal(codeOf(() => policy.check('桜'.repeat(14), { username: 'mika' })), 'password_too_short');
  const long = 'x'.repeat(100) + 'y'.repeat(100);
  assert.equal(policy.check(long, { username: 'mika' }), long);
  assert.equal(codeOf(() => policy.check('z'.repeat(1025), { username: 'mika' })), 'password_too_long');
});

test('NFKC: full-width and composed forms normalise to one password', () => {
  const policy = createPasswordPolicy('nist');
  assert.equal(policy.check('ｐａｓｓｐｈｒａｓｅ ｆｏｒ ｍｅ', { username: 'mika' }), 'passphrase for me');
  assert.equal(policy.check('cafe\u0301 au lait please', { username: 'mika' }), 'café au lait please');
});

test('the common-password list, the username and "sakuga" are refused', () => {
  const composition = createPasswordPolicy('composition');
  const nist = createPasswordPolicy('nist');
  assert.equal(codeOf(() => composition.check('P@ssw0rd', { username: 'mika' })), 'password_common');
  assert.equal(codeOf(() => nist.check('1qaz2wsx3edc4rfv', { username: 'mika' })), 'password_common');
  assert.equal(codeOf(() => nist.check('i-am-mika-and-this-is-mine', { username: 'Mika' })), 'password_guessable');
  assert.equal(codeOf(() => nist.check('my SAKUGA server password', { username: 'mika' })), 'password_guessable');
});

test('composition mode: 8+ with upper, lower, digit and symbol', () => {
  const policy = createPasswordPolicy('composition');
  assert.equal(codeOf(() => policy.check('Tr0ub4dor&3', { username: 'mika' })), undefined);
  for (const weak of ['tr0ub4dor&3', 'TR0UB4DOR&3', 'Troubador&x', 'Tr0ub4dor33']) {
    assert.equal(codeOf(() => policy.check(weak, { username: 'mika' })), 'password_composition', weak);
  }
  assert.equal(codeOf(() => policy.check('Sh0rt!a', { username: 'mika' })), 'password_too_short');
});
