import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { createUser, TEST_PASSWORD } from '../../test/helpers/auth.js';
import { createAuditLog } from './audit.js';

test('one JSON line per event in a 0600 file per UTC day, secret-looking details scrubbed', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'sakuga-audit-')), 'audit');
  let at = new Date('2026-03-01T23:59:59.000Z');
  const audit = createAuditLog({ dir, now: () => at });
  const event = {
    action: 'auth.login',
    result: 'failure' as const,
    actor: { type: 'anonymous' as const },
    ip: '192.0.2.1',
    requestId: 'r1',
    details: { username: 'mika', password: 'hunter2-hunter2', refresh_token: 'srt_x', totp_code: '123456', reason: 'wrong_password' },
  };
  await audit.record(event);
  at = new Date('2026-03-02T00:00:01.000Z');
  await audit.record({ ...event, requestId: 'r2' });

  const first = readFileSync(join(dir, '2026-03-01.jsonl'), 'utf8').trim().split('\n');
  const second = readFileSync(join(dir, '2026-03-02.jsonl'), 'utf8').trim().split('\n');
  assert.equal(first.length, 1);
  assert.equal(second.length, 1);
  assert.equal(statSync(join(dir, '2026-03-01.jsonl')).mode & 0o777, 0o600);
  const line = JSON.parse(first[0]!);
  assert.deepEqual(
    { time: line.time, action: line.action, result: line.result, actor: line.actor, ip: line.ip, request_id: line.request_id },
    { time: '2026-03-01T23:59:59.000Z', action: 'auth.login', result: 'failure', actor: { type: 'anonymous' }, ip: '192.0.2.1', request_id: 'r1' },
  );
  assert.deepEqual(line.details, { username: 'mika', password: '[redacted]', refresh_token: '[redacted]', totp_code: '[redacted]', reason: 'wrong_password' });
  assert.doesNotMatch(first[0]! + second[0]!, /hunter2|srt_x|123456/);
});

test('a failing audit write is logged once and never breaks the request', async () => {
  const t = await createTestApp();
  try {
    await createUser(t, 'mika', 'viewer');
    // Make the audit directory unusable: a file where the directory should be.
    writeFileSync(join(t.dataDir, 'audit'), 'not a directory');
    for (let i = 0; i < 3; i += 1) {
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD } });
      assert.equal(login.statusCode, 200, login.body);
    }
    const complaints = t.logs.filter((line) => line.includes('audit log write failed'));
    assert.equal(complaints.length, 1);
  } finally {
    await t.close();
  }
});
