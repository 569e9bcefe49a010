import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { makeVideo } from '../../test/helpers/media.js';
import { verdictOf } from '../../test/helpers/tus.js';

test('off unless FILE_PICKER_ROOTS is set', async () => {
  const t = await createTestApp();
  try {
    await createUser(t, 'kaito', 'operator');
    const response = await t.app.inject({ url: '/api/files', headers: bearer((await loginWithToken(t, 'kaito')).access_token) });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'file_picker_disabled');
  } finally {
    await t.close();
  }
});

describe('the server file picker', () => {
  let t: TestApp;
  let top: string;
  let root: string;
  let token: string;
  before(async () => {
    top = realpathSync(mkdtempSync(join(tmpdir(), 'sakuga-picker-')));
    root = join(top, 'base');
    mkdirSync(join(root, 'season1'), { recursive: true });
    writeFileSync(join(root, 'ep1.mp4'), 'x');
    writeFileSync(join(root, 'subs.srt'), 'x');
    writeFileSync(join(root, 'notes.txt'), 'not media');
    writeFileSync(join(root, 'season1', 'ep2.mkv'), 'x');
    symlinkSync(join(root, 'season1'), join(root, 'inside'));
    symlinkSync('/etc', join(root, 'escape'));
    symlinkSync('/etc/passwd', join(root, 'passwd.mp4'));
    mkdirSync(join(top, 'base-evil'));
    writeFileSync(join(top, 'base-evil', 'secret.mp4'), 'x');
    t = await createTestApp({ env: { FILE_PICKER_ROOTS: root } });
    await createUser(t, 'kaito', 'operator');
    await createUser(t, 'mika', 'viewer');
    token = (await loginWithToken(t, 'kaito')).access_token;
  });
  after(async () => {
    await t.close();
    rmSync(top, { recursive: true, force: true });
  });

  /** `rawQuery` goes on the URL exactly as given (already percent-encoded where a test wants it). */
  const pick = (rawQuery: string, as = token) => t.app.inject({ url: `/api/files${rawQuery}`, headers: bearer(as) });
  const dirQuery = (dir: string) => `?dir=${encodeURIComponent(dir)}`;
  const names = (response: { json(): { entries: Array<{ name: string }> } }) => response.json().entries.map((entry) => entry.name);

  test('lists the roots, then only directories and media inside them; links leading out are hidden', async () => {
    assert.deepEqual((await pick('')).json(), { dir: null, entries: [{ name: root, type: 'dir' }] });
    const listing = await pick(dirQuery(root));
    assert.equal(listing.statusCode, 200, listing.body);
    assert.deepEqual(names(listing), ['inside', 'season1', 'ep1.mp4', 'subs.srt']);
    assert.deepEqual(listing.json().entries.find((entry: { name: string }) => entry.name === 'ep1.mp4'), { name: 'ep1.mp4', type: 'file', kind: 'video', size: 1 });
    assert.deepEqual(names(await pick(dirQuery(join(root, 'season1')))), ['ep2.mkv']);
    const throughLink = await pick(dirQuery(join(root, 'inside')));
    assert.equal(throughLink.json().dir, join(root, 'season1'), 'a link inside the roots is followed to its real place');
  });

  test('outside the roots is 404, like missing: a symlink out, a prefix sibling, another absolute path', async () => {
    for (const dir of [join(root, 'escape'), join(top, 'base-evil'), '/etc', join(root, 'missing')]) {
      const response = await pick(dirQuery(dir));
      assert.equal(response.statusCode, 404, dir);
      assert.equal(response.json().error.code, 'path_not_found');
    }
  });

  test('every traversal family is refused before the disk is touched', async () => {
    const attacks = [
      dirQuery(`${root}/../base-evil`),
      dirQuery(`${root}\\..\\base-evil`),
      `?dir=${root}/%2e%2e%2fbase-evil`,
      `?dir=${root}/%252e%252e%252fbase-evil`,
      `?dir=${root}/%c0%ae%c0%ae/base-evil`,
      `?dir=${root}/%EF%BC%8E%EF%BC%8E/base-evil`,
      dirQuery(`${root}/..;/base-evil`),
      `?dir=${root}%00/../base-evil`,
      dirQuery('//server/share'),
      dirQuery('\\\\server\\share'),
      dirQuery('relative/path'),
      dirQuery(`${root}/./season1`),
    ];
    for (const attack of attacks) {
      const response = await pick(attack);
      assert.equal(response.statusCode, 400, `${attack} → ${response.body}`);
      assert.equal(response.json().error.code, 'path_invalid', attack);
    }
  });

  test('names with fullwidth letters stay usable', async () => {
    mkdirSync(join(root, 'ＯＰ集'));
    writeFileSync(join(root, 'ＯＰ集', 'op.webm'), 'x');
    assert.deepEqual(names(await pick(dirQuery(join(root, 'ＯＰ集')))), ['op.webm']);
  });

  test('operators and up only', async () => {
    const viewer = (await loginWithToken(t, 'mika')).access_token;
    assert.equal((await pick(dirQuery(root), viewer)).statusCode, 403);
    assert.equal((await importFile(join(root, 'ep1.mp4'), viewer)).statusCode, 403);
  });

  const importFile = (path: string, as = token) => t.app.inject({ method: 'POST', url: '/api/files/import', headers: bearer(as), payload: { path } });

  test('a picked file is used only as an upload, validated like one: a real video is accepted, then a job can take it', async () => {
    await makeVideo(root, 'real.mp4', { seconds: 1 });
    const started = await importFile(join(root, 'real.mp4'));
    assert.equal(started.statusCode, 202, started.body);
    assert.equal(started.json().kind, 'video');
    const verdict = await verdictOf(t, token, started.json().id);
    assert.equal(verdict.status, 'accepted', JSON.stringify(verdict));
    assert.match(verdict.sha256, /^[0-9a-f]{64}$/);
    // The job takes the upload id, never the path; no ASR engine is configured, so the answer is the last check's.
    const job = await t.app.inject({ method: 'POST', url: '/api/jobs', headers: bearer(token), payload: { type: 'dub', options: { upload_id: verdict.id, target_language: 'en' } } });
    assert.equal(job.json().error.code, 'asr_engine_unavailable');
  });

  test('a picked file that is not what its name says is rejected by the same validation as an upload', async () => {
    writeFileSync(join(root, 'fake.mp4'), '<html><script>alert(1)</script></html>');
    const started = await importFile(join(root, 'fake.mp4'));
    assert.equal(started.statusCode, 202, started.body);
    const verdict = await verdictOf(t, token, started.json().id);
    assert.equal(verdict.status, 'rejected');
    assert.equal(verdict.reason, 'type_mismatch');
  });

  test('importing refuses what listing refuses: traversal, links out, prefix siblings, non-media', async () => {
    const cases: Array<[string, number, string]> = [
      [`${root}/../base-evil/secret.mp4`, 400, 'path_invalid'],
      [join(top, 'base-evil', 'secret.mp4'), 404, 'path_not_found'],
      [join(root, 'passwd.mp4'), 404, 'path_not_found'],
      [join(root, 'escape', 'passwd'), 404, 'path_not_found'],
      [join(root, 'notes.txt'), 404, 'path_not_found'],
      [join(root, 'season1'), 404, 'path_not_found'],
    ];
    for (const [path, status, code] of cases) {
      const response = await importFile(path);
      assert.equal(response.statusCode, status, `${path}: ${response.body}`);
      assert.equal(response.json().error.code, code, path);
    }
  });
});
