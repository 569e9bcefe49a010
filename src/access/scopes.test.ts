import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PERMISSIONS } from './permissions.js';
import { GLOBAL_SCOPES, parseScope, roleMayHold, ScopeSet } from './scopes.js';

const JOB = '0b7c1e9a-1111-4d2e-9f00-123456789abc';

test('parsing: the registered names and well-formed resource scopes only', () => {
  for (const scope of GLOBAL_SCOPES) assert.deepEqual(parseScope(scope), { kind: 'global', name: scope });
  assert.deepEqual(parseScope(`job:${JOB}:read`), { kind: 'resource', type: 'job', id: JOB, action: 'read' });
  assert.deepEqual(parseScope('project:p1:manage'), { kind: 'resource', type: 'project', id: 'p1', action: 'manage' });
  for (const bad of ['read:jobs', 'admin', 'job:x:manage', 'project:p1:read', 'job::read', 'job:a/b:read', 'job:x:read:extra', 'toString', '__proto__', '']) {
    assert.equal(parseScope(bad), undefined, bad);
  }
  assert.throws(() => new ScopeSet(['read:job', 'nope']), /unknown scope/);
});

test('roles: a scope needs at least its role', () => {
  const admin = parseScope('admin:*')!;
  assert.ok(roleMayHold('admin', admin));
  assert.ok(!roleMayHold('editor', admin));
  assert.ok(roleMayHold('viewer', parseScope(`job:${JOB}:read`)!));
  assert.ok(!roleMayHold('viewer', parseScope(`job:${JOB}:write`)!));
});

test('route permissions: only what a scope names; never session routes, not even for admin:*', () => {
  const reader = new ScopeSet(['read:job']);
  assert.ok(reader.grants('jobs:read'));
  for (const permission of PERMISSIONS.filter((p) => p !== 'jobs:read')) assert.ok(!reader.grants(permission), permission);
  const admin = new ScopeSet(['admin:*']);
  for (const permission of PERMISSIONS) assert.equal(admin.grants(permission), permission !== 'session:self', permission);
  assert.ok(new ScopeSet([`job:${JOB}:read`]).grants('jobs:read'), 'a route that may hold the resource');
});

test('resources: bound scopes reach their own resource only; broader scopes imply them', () => {
  const one = new ScopeSet([`job:${JOB}:write`]);
  assert.ok(one.allowsResource('job', JOB, 'read'), 'write implies read');
  assert.ok(one.allowsResource('job', JOB, 'write'));
  assert.ok(!one.allowsResource('job', 'another-job', 'read'));
  assert.ok(new ScopeSet(['read:job']).allowsResource('job', JOB, 'read'));
  assert.ok(!new ScopeSet(['read:job']).allowsResource('job', JOB, 'write'));
  assert.ok(new ScopeSet(['library:manage']).allowsResource('project', 'p1', 'manage'));
});

test('covering, the rule for keys minting keys', () => {
  assert.ok(new ScopeSet(['admin:*']).covers(new ScopeSet(['read:job', 'models:manage'])));
  assert.ok(new ScopeSet(['read:job', 'keys:manage']).covers(new ScopeSet([`job:${JOB}:read`])));
  assert.ok(!new ScopeSet(['read:job']).covers(new ScopeSet(['read:job', 'submit:job'])));
  assert.ok(!new ScopeSet([`job:${JOB}:read`]).covers(new ScopeSet(['read:job'])));
  assert.ok(!new ScopeSet([`job:${JOB}:read`]).covers(new ScopeSet([`job:${JOB}:write`])));
});
