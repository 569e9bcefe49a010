import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sealedSize } from '../src/storage/crypto/blob-format.js';
import { objectStoreFor } from '../src/storage/open-storage.js';
import { bearer } from './helpers/auth.js';
import { type DubApp, startDubApp } from './helpers/dub-app.js';
import { scratchDir, testVideo } from './helpers/dub-media.js';
import { submitJob, waitForJob } from './helpers/jobs.js';
import { STORAGE_BACKENDS } from './helpers/s3.js';

/** A line of the dub's subtitles: it is in the upload, the segments, the subtitle files, the HLS package and the MP4s' text tracks. */
const CANARY = 'Kanariya sings at the studio';
const SRT = `1\n00:00:00,500 --> 00:00:02,500\n${CANARY}.\n\n2\n00:00:03,000 --> 00:00:04,500\n${CANARY} again.\n`;

const BACKENDS = STORAGE_BACKENDS;

/**
 * With ENCRYPTION_AT_REST=on, a real dub (its uploads received over tus, its
 * artifacts, its HLS package) leaves nothing readable in the raw storage:
 * every object is an SKG1 blob of exactly its sealed size, and a line of its
 * subtitles appears in none; while the dub itself reads back whole.
 */
for (const backend of BACKENDS) {
  describe(`encryption at rest on ${backend.name}: a plaintext canary never reaches the raw storage`, () => {
    let dub: DubApp;
    let closeBackend: () => Promise<void>;
    before(async () => {
      const { env, close } = await backend.env();
      closeBackend = close;
      dub = await startDubApp('kaito', 'operator', { env: { ENCRYPTION_AT_REST: 'on', ...env } });
    });
    after(async () => {
      await dub.close();
      await closeBackend();
    });

    test('uploads, artifacts and HLS: every stored object is sealed, and the canary is in none', { timeout: 240_000 }, async () => {
      const { t, token, upload } = dub;
      const clip = await testVideo(join(scratchDir('canary'), 'scene.mp4'), { seconds: 5, codec: 'h264', audio: 'silence' });
      const video = await upload(readFileSync(clip), 'scene.mp4', 'video');
      const subtitles = await upload(Buffer.from(SRT), 'scene.en.srt', 'subtitles');
      const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', source_language: 'ja', imports: { translated_subtitles: subtitles } } });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const job = await waitForJob(t, token, submitted.json().id, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status), 200_000);
      assert.equal(job.status, 'succeeded', JSON.stringify(job.failure));

      // Served decrypted: the canary is there for the owner.
      const srt = await t.app.inject({ url: `/api/jobs/${job.id}/artifacts/subtitles.en.srt`, headers: bearer(token) });
      assert.ok(srt.body.includes(CANARY));
      const vtt = await t.app.inject({ url: `/api/jobs/${job.id}/artifacts/hls-subtitles.vtt`, headers: bearer(token) });
      assert.ok(vtt.body.includes(CANARY));

      const rows = await t.services.db.selectFrom('blobs').select(['id', 'key', 'size', 'kid']).execute();
      const kinds = new Set(rows.map((row) => row.key.split('/')[0]));
      assert.ok(kinds.has('uploads') && kinds.has('artifacts'), `uploads and artifacts are stored (${[...kinds].join(', ')})`);
      assert.ok(rows.some((row) => row.key.endsWith('/hls-video.ts')), 'the HLS package is stored');
      assert.ok(rows.every((row) => row.kid !== null), 'every row has a wrapped data key');
      const sizes = new Map(rows.map((row) => [row.id, Number(row.size)]));

      const objects = objectStoreFor(t.config.storage, t.dataDir);
      let seen = 0;
      for await (const { id } of objects.list()) {
        const raw = await objects.read(id, 0, (await objects.size(id))!);
        assert.ok(sizes.has(id), `object ${id} is named by a blob`);
        assert.equal(raw.subarray(0, 4).toString('latin1'), 'SKG1', `object ${id} is an encrypted blob`);
        assert.equal(raw.length, sealedSize(sizes.get(id)!), `object ${id} is exactly its sealed size`);
        assert.equal(raw.indexOf(CANARY), -1, `object ${id} holds the canary`);
        seen += 1;
      }
      assert.equal(seen, new Set(rows.map((row) => row.id)).size, 'every object was read');

      // Nor left beside the storage: no upload file, no validation scratch copy.
      assert.ok(!existsSync(join(t.dataDir, 'uploads')));
      const tmp = join(t.dataDir, 'tmp', 'validate');
      const leftovers = existsSync(tmp) ? readdirSync(tmp, { recursive: true }).filter((name) => statSync(join(tmp, String(name))).isFile()) : [];
      assert.deepEqual(leftovers, []);
    });
  });
}
