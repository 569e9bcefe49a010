import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import pino from 'pino';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { importLegacyArtifacts } from './legacy-artifacts.js';
import { openStorage } from './open-storage.js';

test('artifacts from before the blob store move into it (encrypted when it is on), their files removed; a second start does nothing', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sakuga-legacy-'));
  const handle = openDatabase({ kind: 'sqlite', file: join(dataDir, 'sakuga.db') });
  try {
    await migrateToLatest(handle.db);
    const job = randomBytes(16).toString('hex');
    const dubbed = Buffer.from('LEGACY-CANARY dubbed video bytes '.repeat(5000));
    mkdirSync(join(dataDir, 'artifacts', job, 'r1'), { recursive: true });
    writeFileSync(join(dataDir, 'artifacts', job, 'dubbed.mp4'), dubbed);
    writeFileSync(join(dataDir, 'artifacts', job, 'r1', 'dubbed.mp4'), 'the first render');
    writeFileSync(join(dataDir, 'artifacts', job, 'dubbed.mp4.partial-0a1b2c'), 'a crash left this');
    const { blobs, objects } = await openStorage({ config: { backend: 'fs', encrypted: true }, dataDir, db: handle.db, now: () => new Date() });
    const log = pino({ level: 'silent' });

    assert.deepEqual(await importLegacyArtifacts({ dataDir, blobs, log }), { files: 2, bytes: dubbed.length + 16 });
    assert.deepEqual(await buffer((await blobs.read(`artifacts/${job}/dubbed.mp4`))!.body), dubbed);
    assert.equal((await buffer((await blobs.read(`artifacts/${job}/r1/dubbed.mp4`))!.body)).toString(), 'the first render');
    assert.equal((await blobs.stat(`artifacts/${job}/dubbed.mp4`))!.encrypted, true);
    assert.ok(!existsSync(join(dataDir, 'artifacts', job, 'dubbed.mp4')) && !existsSync(join(dataDir, 'artifacts', job, 'r1')), 'the files are gone');
    assert.ok(existsSync(join(dataDir, 'artifacts', job, 'dubbed.mp4.partial-0a1b2c')), 'a name that is no artifact is left alone');
    for await (const { id } of objects.list()) assert.equal((await objects.read(id, 0, 1 << 20)).indexOf('LEGACY-CANARY'), -1);
    assert.deepEqual(await importLegacyArtifacts({ dataDir, blobs, log }), { files: 0, bytes: 0 });
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
