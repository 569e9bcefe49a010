import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { backupKeys } from '../src/backup/keys.js';
import { restoreBackup } from '../src/backup/restore.js';
import { existingEncryptionKey } from '../src/config/generated-secrets.js';
import { loadConfig } from '../src/config/load.js';
import { createTestApp } from '../test/helpers/app.js';
import { createUser } from '../test/helpers/auth.js';
import { insertFinishedDub } from '../test/helpers/dub-fixture.js';

const MB = 1_000_000;
const MIB = 1024 * 1024;
const LIBRARY_MIB = Number(process.env.BENCH_BACKUP_MIB ?? 2048);
const OBJECT_MIB = 32;
/** One more dub: its video, its phone video and its subtitles. */
const NEW_DUB = [24 * MIB, 8 * MIB, 40_000];
const GOAL = 0.5;
/** on (the default): objects are ciphertext already and copied as they are; off: the backup seals each one. */
const AT_REST = process.env.BENCH_BACKUP_AT_REST === 'off' ? 'off' : 'on';

const seconds = (started: number) => (performance.now() - started) / 1000;

/** A plain recursive copy of `from` into a new `to`, in seconds: what any backup of the same files costs at least. */
function plainCopy(from: string, to: string): number {
  const started = performance.now();
  cpSync(from, to, { recursive: true });
  const took = seconds(started);
  rmSync(to, { recursive: true, force: true });
  return took;
}

export const backupBench = {
  describe: `backup and restore MB/s of a ${LIBRARY_MIB} MiB library (BENCH_BACKUP_AT_REST=off: not encrypted at rest) beside a plain copy of its files (goal ≥ ${GOAL}×); an incremental backup after one new dub`,
  async run(): Promise<void> {
    const root = mkdtempSync(join(tmpdir(), 'sakuga-bench-backup-'));
    chmodSync(root, 0o711);
    const backupDir = join(root, 'backups');
    const env = { ENCRYPTION_AT_REST: AT_REST, BACKUP_DIR: backupDir };
    const t = await createTestApp({ dataDir: join(root, 'data'), env });
    try {
      const owner = (await createUser(t, 'bench', 'editor')).id;
      const objects = Math.max(1, Math.round(LIBRARY_MIB / OBJECT_MIB));
      process.stdout.write(`Making a library of ${objects} files of ${OBJECT_MIB} MiB, ENCRYPTION_AT_REST=${AT_REST}…\n`);
      for (let i = 0; i < objects; i++) {
        const job = await insertFinishedDub(t, owner);
        await t.services.blobs.put(`artifacts/${job}/dubbed.mp4`, Readable.from([randomBytes(OBJECT_MIB * MIB)]));
      }
      const libraryMb = (objects * OBJECT_MIB * MIB) / MB;
      const blobsDir = join(t.dataDir, 'blobs');

      const copyBefore = plainCopy(blobsDir, join(root, 'copy'));
      let started = performance.now();
      const full = await t.services.backups.create();
      const backupTook = seconds(started);
      const copyAfter = plainCopy(blobsDir, join(root, 'copy'));
      const copyTook = (copyBefore + copyAfter) / 2;

      started = performance.now();
      const unchanged = await t.services.backups.create();
      const unchangedTook = seconds(started);
      const job = await insertFinishedDub(t, owner);
      for (const [index, bytes] of NEW_DUB.entries()) await t.services.blobs.put(`artifacts/${job}/file-${index}`, Readable.from([randomBytes(bytes)]));
      started = performance.now();
      const incremental = await t.services.backups.create();
      const incrementalTook = seconds(started);

      // Restore the full backup into an empty data dir (the kept secrets copied in), beside a plain copy of the backup's files.
      const restoreDir = join(root, 'restored');
      mkdirSync(restoreDir, { mode: 0o700 });
      cpSync(join(t.dataDir, 'secrets'), join(restoreDir, 'secrets'), { recursive: true });
      const config = loadConfig({ ...env, SAKUGA_DATA_DIR: restoreDir });
      const restoreCopyBefore = plainCopy(join(backupDir, 'files'), join(root, 'copy'));
      started = performance.now();
      await restoreBackup({ config, keys: backupKeys(existingEncryptionKey(config)!), name: incremental.name });
      const restoreTook = seconds(started);
      const restoreCopyTook = (restoreCopyBefore + plainCopy(join(backupDir, 'files'), join(root, 'copy'))) / 2;

      const rate = (took: number) => libraryMb / took;
      const line = (label: string, ours: number, baseline: number) =>
        `${label.padEnd(9)} ${rate(ours).toFixed(0).padStart(6)} MB/s   plain copy ${rate(baseline).toFixed(0).padStart(6)} MB/s   ratio ${(baseline / ours).toFixed(2)}× (goal ≥ ${GOAL}×) ${baseline / ours >= GOAL ? 'met' : 'NOT met'}`;
      const newMb = incremental.copied.bytes / MB;
      process.stdout.write(
        [
          `Library: ${objects} files, ${libraryMb.toFixed(0)} MB; ${AT_REST === 'on' ? 'encrypted at rest, so copied as ciphertext' : 'plaintext at rest, so each file sealed by the backup'} (the database always sealed).`,
          line('backup', backupTook, copyTook),
          line('restore', restoreTook, restoreCopyTook),
          `Incremental, one new dub (${incremental.copied.objects} files, ${newMb.toFixed(1)} MB): ${incrementalTook.toFixed(2)} s; nothing new: ${unchangedTook.toFixed(2)} s (${unchanged.copied.objects} files copied).`,
          `  The new dub's share: ${(incrementalTook - unchangedTook).toFixed(2)} s for ${newMb.toFixed(1)} MB, ${(newMb / Math.max(incrementalTook - unchangedTook, 0.001)).toFixed(0)} MB/s (the full backup: ${rate(backupTook).toFixed(0)} MB/s); the fixed cost of a backup of ${full.objects.length} files: ${unchangedTook.toFixed(2)} s.`,
        ].join('\n') + '\n',
      );
    } finally {
      await t.close();
      rmSync(root, { recursive: true, force: true });
    }
  },
};
