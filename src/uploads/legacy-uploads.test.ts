import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { openStorage } from '../storage/open-storage.js';
import { importLegacyUploads } from './legacy-uploads.js';
import { insertUpload, type UploadRow } from './store.js';
import { createUploadFiles } from './upload-files.js';

test('uploads from before the blob store move into it by their status, encrypted, their files removed; a second start does nothing', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sakuga-legacy-uploads-'));
  const handle = openDatabase({ kind: 'sqlite', file: join(dataDir, 'sakuga.db') });
  try {
    await migrateToLatest(handle.db);
    await handle.db.insertInto('users').values({ id: 'u1', username: 'kaito', password_hash: 'x', role: 'operator', created_at: '', updated_at: '' } as never).execute();
    const ids = { accepted: randomBytes(16).toString('hex'), receiving: randomBytes(16).toString('hex'), rejected: randomBytes(16).toString('hex'), unknown: randomBytes(16).toString('hex') };
    const bytes = { accepted: Buffer.from('LEGACY-CANARY an accepted video '.repeat(4000)), receiving: Buffer.from('LEGACY-CANARY half of one'), rejected: Buffer.from('<html>'), unknown: Buffer.from('?') };
    mkdirSync(join(dataDir, 'uploads'));
    for (const status of ['accepted', 'receiving', 'rejected'] as const) {
      const row: UploadRow = { id: ids[status], user_id: 'u1', kind: 'video', filename: 'a.mp4', declared_size: 200_000, status, reason: null, media: null, sha256: null, created_at: '', updated_at: '' };
      await insertUpload(handle.db, row);
    }
    for (const status of ['accepted', 'receiving', 'rejected', 'unknown'] as const) {
      writeFileSync(join(dataDir, 'uploads', ids[status]), bytes[status]);
      writeFileSync(join(dataDir, 'uploads', `${ids[status]}.json`), '{}');
    }
    const { blobs, objects } = await openStorage({ config: { backend: 'fs', encrypted: true }, dataDir, db: handle.db, now: () => new Date() });
    const files = createUploadFiles(blobs);
    const log = pino({ level: 'silent' });

    assert.deepEqual(await importLegacyUploads({ dataDir, db: handle.db, files, log }), { files: 2, bytes: bytes.accepted.length + bytes.receiving.length });
    assert.deepEqual(await files.readAll(ids.accepted), bytes.accepted);
    assert.deepEqual((await blobs.list(`uploads/${ids.accepted}/`)).map((blob) => blob.key), [`uploads/${ids.accepted}/file`]);
    assert.deepEqual(await files.received(ids.receiving).then((received) => received.bytes), bytes.receiving.length, 'an unfinished one resumes from what it had');
    assert.deepEqual(await blobs.list(`uploads/${ids.rejected}/`), []);
    assert.deepEqual(await blobs.list(`uploads/${ids.unknown}/`), []);
    assert.ok(!existsSync(join(dataDir, 'uploads')), 'the old folder is gone');
    for await (const { id } of objects.list()) assert.equal((await objects.read(id, 0, 1 << 20)).indexOf('LEGACY-CANARY'), -1);
    assert.deepEqual(await importLegacyUploads({ dataDir, db: handle.db, files, log }), { files: 0, bytes: 0 });
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
