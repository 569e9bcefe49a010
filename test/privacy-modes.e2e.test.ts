import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RETENTION_REPORT, type JobRetentionReport } from '../src/jobs/privacy-cleanup.js';
import { objectStoreFor } from '../src/storage/open-storage.js';
import { auditEvents } from './helpers/audit.js';
import { bearer } from './helpers/auth.js';
import { type DubApp, startDubApp } from './helpers/dub-app.js';
import { scratchDir, testVideo } from './helpers/dub-media.js';
import { type FakeEngine, startLibreTranslateFake } from './helpers/engine-fakes.js';
import { submitJob, waitForJob } from './helpers/jobs.js';
import { STORAGE_BACKENDS } from './helpers/s3.js';

/** A line of the source subtitles: the translator's sample of it goes to the job log where the mode allows. */
const LINE = 'Ohayou Mika-chan';
const SRT = `1\n00:00:00,500 --> 00:00:02,500\n${LINE}.\n\n2\n00:00:03,000 --> 00:00:04,500\nEkonte wa dekita?\n`;

const BACKENDS = STORAGE_BACKENDS;

/** Every regular file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

/**
 * Each privacy mode keeps exactly what it promises, seen from outside: a real
 * dub (a video and its source subtitles, translated by a LibreTranslate fake,
 * spoken by the offline voice) in each mode, then the work dir, the data dir,
 * the stored objects (the bucket, on S3), the job log and the audit log.
 */
for (const backend of BACKENDS) {
  describe(`privacy modes on ${backend.name}: what a dub leaves behind`, () => {
    let dub: DubApp;
    let translator: FakeEngine;
    let closeBackend: () => Promise<void>;
    let clip: string;
    before(async () => {
      translator = await startLibreTranslateFake();
      const { env, close } = await backend.env();
      closeBackend = close;
      dub = await startDubApp('kaito', 'editor', { env: { TRANSLATE_ENGINE: 'libretranslate', TRANSLATE_URL: translator.url, ENGINE_TIMEOUT: '5s', ...env } });
      clip = await testVideo(join(scratchDir('privacy'), 'scene.mp4'), { seconds: 5, codec: 'h264', audio: 'tone', language: 'jpn' });
    });
    after(async () => {
      await dub.close();
      await closeBackend();
      await translator.close();
    });

    async function dubIn(mode: string, inputs?: { video: string; subtitles: string }) {
      const { t, token, upload } = dub;
      const video = inputs?.video ?? (await upload(readFileSync(clip), 'scene.mp4', 'video'));
      const subtitles = inputs?.subtitles ?? (await upload(Buffer.from(SRT), 'scene.ja.srt', 'subtitles'));
      const submitted = await submitJob(t, token, { type: 'dub', privacy_mode: mode, options: { upload_id: video, target_language: 'en', source_language: 'ja', imports: { source_subtitles: subtitles } } });
      assert.equal(submitted.statusCode, 201, submitted.body);
      assert.equal(submitted.json().privacy_mode, mode);
      const job = await waitForJob(t, token, submitted.json().id, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status), 200_000);
      assert.equal(job.status, 'succeeded', JSON.stringify(job.failure));
      await dub.settled(job.id);
      const artifacts = async () => ((await t.app.inject({ url: `/api/jobs/${job.id}/artifacts`, headers: bearer(token) })).json().artifacts as Array<{ name: string }>).map((a) => a.name).sort();
      const log = JSON.stringify((await t.app.inject({ url: `/api/jobs/${job.id}/log?limit=1000`, headers: bearer(token) })).json());
      const report = async () => {
        const reply = await t.app.inject({ url: `/api/jobs/${job.id}/artifacts/${RETENTION_REPORT}`, headers: bearer(token) });
        return reply.statusCode === 200 ? (reply.json() as JobRetentionReport) : undefined;
      };
      return { id: job.id as string, video, subtitles, log, artifacts: await artifacts(), report: await report(), workDir: join(t.dataDir, 'work', job.id as string) };
    }

    /** The stored blob keys under `prefix`, and that each names an object the storage holds. */
    async function storedUnder(prefix: string): Promise<string[]> {
      const { t } = dub;
      const rows = await t.services.db.selectFrom('blobs').select(['key', 'id']).where('key', 'like', `${prefix}%`).execute();
      const objects = objectStoreFor(t.config.storage, t.dataDir);
      for (const row of rows) assert.notEqual(await objects.size(row.id), undefined, `${row.key} has its object`);
      return rows.map((row) => row.key);
    }

    /** Every object in the storage (the bucket) is named by a blob row: a removal leaves no orphan behind. */
    async function assertNoOrphans(): Promise<void> {
      const { t } = dub;
      const named = new Set((await t.services.db.selectFrom('blobs').select('id').execute()).map((row) => row.id));
      for await (const { id } of objectStoreFor(t.config.storage, t.dataDir).list()) assert.ok(named.has(id), `object ${id} is named by no blob`);
    }

    let offJob: Awaited<ReturnType<typeof dubIn>>;

    test('off keeps everything: the clips, the state and the extracted audio, the uploads; the log samples the transcript', { timeout: 240_000 }, async () => {
      offJob = await dubIn('off');
      const work = filesUnder(offJob.workDir);
      assert.ok(work.includes('state/original.wav') && work.includes('state/asr.wav'), `the extracted audio is kept: ${work.join(' ')}`);
      assert.ok(work.includes('state/dub.json') && work.some((file) => file.startsWith('clips/')), 'what a re-render reuses is kept');
      assert.ok(work.every((file) => /^(clips\/|state\/(dub\.json|qa-clips\.json|mobile-video\.mp4|original\.wav|asr\.wav)$)/.test(file)), `nothing else: ${work.join(' ')}`);
      assert.ok((await storedUnder(`uploads/${offJob.video}/`)).length > 0, 'the video upload is kept');
      assert.ok((await storedUnder(`uploads/${offJob.subtitles}/`)).length > 0, 'the subtitles are kept');
      assert.ok(!offJob.artifacts.includes(RETENTION_REPORT), 'nothing was removed, so nothing to report');
      assert.ok(offJob.log.includes(LINE), 'the transcript sample is in the log');
    });

    test('balanced: the work dir and the extracted audio go after success, the uploads stay, no transcript in the log; the report counts it', { timeout: 240_000 }, async () => {
      const job = await dubIn('balanced');
      assert.ok(!existsSync(job.workDir), `the work dir is gone: ${filesUnder(job.workDir).join(' ')}`);
      assert.ok((await storedUnder(`uploads/${job.video}/`)).length > 0 && (await storedUnder(`uploads/${job.subtitles}/`)).length > 0, 'the uploads stay');
      assert.deepEqual(job.artifacts.filter((name) => name !== RETENTION_REPORT), offJob.artifacts, 'the same outputs as off');
      assert.ok(!job.log.includes(LINE), 'no transcript text in the log');
      assert.match(job.log, /translated the lines/, 'the line about it is there, without the text');
      const report = job.report!;
      assert.equal(report.privacy_mode, 'balanced');
      assert.equal(report.removed.source_audio.files, 2);
      assert.ok(report.removed.source_audio.bytes > 0);
      assert.ok(report.removed.intermediates.files > 0 && report.removed.intermediates.bytes > 0);
      assert.deepEqual(report.removed.source_uploads, { files: 0, bytes: 0 });
      await assertNoOrphans();
    });

    test('minimal: only the outputs stay; the uploads are shredded, the data dir holds nothing of them, a re-render is refused; audited with counts alone', { timeout: 240_000 }, async () => {
      const { t, token } = dub;
      const job = await dubIn('minimal');
      const sizes = await t.services.db.selectFrom('uploads').select(['id', 'declared_size']).where('id', 'in', [job.video, job.subtitles]).execute();
      assert.deepEqual(sizes, [], 'the upload rows are gone');
      assert.ok(!existsSync(job.workDir));
      assert.deepEqual(await storedUnder(`uploads/${job.video}/`), []);
      assert.deepEqual(await storedUnder(`uploads/${job.subtitles}/`), []);
      assert.deepEqual(job.artifacts.filter((name) => name !== RETENTION_REPORT), offJob.artifacts, 'every output is kept');
      for (const id of [job.video, job.subtitles]) {
        assert.equal((await t.app.inject({ url: `/api/uploads/${id}`, headers: bearer(token) })).statusCode, 404);
        assert.deepEqual(filesUnder(t.dataDir).filter((file) => file.includes(id)), [], 'no file of the data dir is named after it');
      }
      const shredded = await t.services.db.selectFrom('shred_ledger').selectAll().where('reason', '=', 'privacy_minimal').execute();
      assert.ok(shredded.length >= 2, 'both uploads are in the shred ledger');
      const report = job.report!;
      assert.equal(report.removed.source_uploads.files, 2);
      assert.equal(report.removed.source_uploads.bytes, readFileSync(clip).length + Buffer.byteLength(SRT));
      assert.equal(report.source_uploads_in_use, 0);
      await assertNoOrphans();

      const rerender = await t.app.inject({ method: 'POST', url: `/api/jobs/${job.id}/rerender`, headers: bearer(token), payload: {} });
      assert.equal(rerender.statusCode, 409, rerender.body);
      assert.equal(rerender.json().error.code, 'dub_source_removed');

      const audited = auditEvents(t).filter((event) => event.action === 'job.privacy_applied' && event.target === `job:${job.id}`);
      assert.equal(audited.length, 1);
      assert.equal(audited[0]!.details?.uploads, 2);
      const details = audited[0]!.details ?? {};
      assert.deepEqual(Object.keys(details).sort(), ['bytes', 'files', 'mode', 'uploads', 'uploads_in_use']);
      assert.ok(Object.entries(details).every(([key, value]) => key === 'mode' || typeof value === 'number'), 'counts only');
      const written = JSON.stringify(audited[0]);
      assert.ok(![job.video, job.subtitles, 'scene'].some((name) => written.includes(name)), 'no upload or file name');
    });

    test('minimal on an upload another dub keeps: the upload stays, and the report says why', { timeout: 240_000 }, async () => {
      const job = await dubIn('minimal', { video: offJob.video, subtitles: offJob.subtitles });
      assert.ok((await storedUnder(`uploads/${offJob.video}/`)).length > 0, 'the off dub can still re-render from it');
      assert.equal(job.report!.source_uploads_in_use, 2);
      assert.deepEqual(job.report!.removed.source_uploads, { files: 0, bytes: 0 });
      assert.ok(!existsSync(job.workDir));
      // Of the four dubs, only the one under off keeps a work dir.
      assert.deepEqual(readdirSync(join(dub.t.dataDir, 'work')).filter((name) => /^[0-9a-f]{32}$/.test(name)), [offJob.id]);
    });
  });
}
