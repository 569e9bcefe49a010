import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp } from './helpers/app.js';
import { createUser } from './helpers/auth.js';
import { insertFinishedDub } from './helpers/dub-fixture.js';
import { runCli, startCli } from './helpers/process.js';

const OBJECTS = 48;
const OBJECT_BYTES = 1024 * 1024;

/** Files in the backup's file store now (whole ones: a write in progress has a temporary name). */
function storedFiles(backupDir: string): number {
  const root = join(backupDir, 'files');
  if (!existsSync(root)) return 0;
  return readdirSync(root).reduce((sum, folder) => sum + readdirSync(join(root, folder)).filter((name) => /^[0-9a-f]{32}$/.test(name)).length, 0);
}

/**
 * `sakuga backup create` killed with SIGKILL at different moments of its copy:
 * afterwards every backup `list` shows as good verifies whole, a killed run
 * never shows as one, and the next run (taking over the dead run's lock) makes
 * a complete backup.
 */
test('kill -9 during a backup: never a backup listed as good that fails verify', { timeout: 240_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'sakuga-backup-crash-'));
  chmodSync(root, 0o711);
  const dataDir = join(root, 'data');
  const backupDir = join(root, 'backups');
  const env = { SAKUGA_DATA_DIR: dataDir, BACKUP_DIR: backupDir, ENCRYPTION_AT_REST: 'on' };
  try {
    const t = await createTestApp({ dataDir, env: { ENCRYPTION_AT_REST: 'on', BACKUP_DIR: backupDir } });
    const mika = (await createUser(t, 'mika', 'editor')).id;
    const job = await insertFinishedDub(t, mika);
    for (let i = 0; i < OBJECTS; i++) await t.services.blobs.put(`artifacts/${job}/part-${i}.bin`, Readable.from([randomBytes(OBJECT_BYTES)]));
    await t.close();

    const listedGood = async () => {
      const listed = await runCli(['backup', 'list'], env);
      assert.equal(listed.code, 0, listed.stderr);
      return listed.stdout.split('\n').filter((line) => /^\d{8}T\d{6}Z-[0-9a-f]{6} {2}\d{4}-/.test(line)).map((line) => line.split(' ')[0]!);
    };
    let killedMidway = 0;
    for (let round = 0; round < 4; round++) {
      const before = storedFiles(backupDir);
      const run = startCli(['backup', 'create'], env);
      // Killed once it has copied a few more files (or at once if it is done before that).
      const wanted = before + 2 + round * 7;
      for (const deadline = Date.now() + 60_000; storedFiles(backupDir) < wanted && run.child.exitCode === null && Date.now() < deadline; ) await sleep(5);
      const finishedFirst = run.child.exitCode !== null;
      run.child.kill('SIGKILL');
      await run.exited;
      if (!finishedFirst) killedMidway += 1;
      for (const name of await listedGood()) {
        const verified = await runCli(['backup', 'verify', name, '--full'], env);
        assert.equal(verified.code, 0, `round ${round}: ${name} is listed as good but does not verify:\n${verified.stdout}${verified.stderr}`);
      }
      assert.ok(!existsSync(join(dataDir, 'tmp', 'backup')) || readdirSync(join(dataDir, 'tmp', 'backup')).length <= 1, 'at most the killed run\'s own database copy is left, until the next run');
    }
    assert.ok(killedMidway >= 2, `the kills landed mid-copy (${killedMidway} of 4)`);

    const complete = await runCli(['backup', 'create'], env);
    assert.equal(complete.code, 0, complete.stderr);
    const names = await listedGood();
    assert.ok(names.length >= 1);
    const last = await runCli(['backup', 'verify', names.at(-1)!, '--full'], env);
    assert.equal(last.code, 0, last.stdout);
    assert.match(last.stdout, new RegExp(`${OBJECTS + 1} files present, ${OBJECTS + 1} decrypted whole`));
    assert.deepEqual(readdirSync(join(dataDir, 'tmp', 'backup')), [], 'no database copy is left behind');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
