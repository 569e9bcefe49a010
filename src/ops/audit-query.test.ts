import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { queryAuditLog } from './audit-query.js';

const line = (time: string, action: string, result: string, actor?: string) =>
  JSON.stringify({ time, action, result, actor: actor ? { type: 'user', id: actor } : { type: 'anonymous' }, ip: null, target: null, request_id: null, details: {} });

describe('queryAuditLog', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sakuga-audit-query-'));
    writeFileSync(
      join(dir, '2026-06-01.jsonl'),
      [line('2026-06-01T10:00:00.000Z', 'user.create', 'success', 'a'), line('2026-06-01T11:00:00.000Z', 'auth.login', 'failure', 'b'), '{"torn'].join('\n'),
    );
    writeFileSync(
      join(dir, '2026-06-02.jsonl'),
      [line('2026-06-02T09:00:00.000Z', 'auth.login', 'success', 'b'), line('2026-06-02T10:00:00.000Z', 'user.role_change', 'success', 'a'), ''].join('\n'),
    );
    writeFileSync(join(dir, 'notes.txt'), 'not a day file');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const actions = (events: { action: string }[]) => events.map((event) => event.action);

  test('newest first across days; a torn line and other files are skipped', async () => {
    const page = await queryAuditLog(dir, {}, 50);
    assert.deepEqual(actions(page.events), ['user.role_change', 'auth.login', 'auth.login', 'user.create']);
    assert.equal(page.nextCursor, null);
  });

  test('an action family, an actor, a result', async () => {
    assert.deepEqual(actions((await queryAuditLog(dir, { action: 'user' }, 50)).events), ['user.role_change', 'user.create']);
    assert.deepEqual(actions((await queryAuditLog(dir, { action: 'user.create' }, 50)).events), ['user.create']);
    assert.deepEqual(actions((await queryAuditLog(dir, { action: 'use' }, 50)).events), [], 'a family is a whole segment, not a prefix');
    assert.deepEqual(actions((await queryAuditLog(dir, { actor: 'a' }, 50)).events), ['user.role_change', 'user.create']);
    assert.deepEqual(actions((await queryAuditLog(dir, { result: 'failure' }, 50)).events), ['auth.login']);
  });

  test('a time range: from inclusive, to exclusive, in any offset', async () => {
    const page = await queryAuditLog(dir, { from: '2026-06-01T11:00:00.000Z', to: '2026-06-02T12:00:00+02:00' }, 50);
    assert.deepEqual(
      page.events.map((event) => event.time),
      ['2026-06-02T09:00:00.000Z', '2026-06-01T11:00:00.000Z'],
    );
  });

  test('pages follow each other without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let round = 0; round < 5; round += 1) {
      const page = await queryAuditLog(dir, {}, 1, cursor);
      seen.push(...page.events.map((event) => event.time));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, ['2026-06-02T10:00:00.000Z', '2026-06-02T09:00:00.000Z', '2026-06-01T11:00:00.000Z', '2026-06-01T10:00:00.000Z']);
  });
});
