import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import pino from 'pino';
import { createJobWorker } from '../src/jobs/engine.js';
import { probeMedia } from '../src/media/probe.js';
import { createTestApp } from './helpers/app.js';
import { bearer, createUser, loginWithToken } from './helpers/auth.js';
import { DUB_ARTIFACTS, mediaTools, scratchDir, testVideo } from './helpers/dub-media.js';
import { insertTestFile, isFinal, storedArtifacts, submitJob, waitForJob } from './helpers/jobs.js';
import { type RunningWorker, startWorker } from './helpers/process.js';

const ENV = { JOB_LEASE: '2s', JOB_RETRY_DELAY: '0s', LOG_LEVEL: 'warn' };
const LINES = 40;
const srtTime = (ms: number) => new Date(ms).toISOString().slice(11, 23).replace('.', ',');
/** One line every two seconds, each a different sentence (so each is spoken on its own). */
const SRT = Array.from({ length: LINES }, (_, i) => `${i + 1}\n${srtTime(1_000 + i * 2_000)} --> ${srtTime(2_500 + i * 2_000)}\nLine number ${i + 1} of the scene.\n`).join('\n');

const rawClips = (workDir: string) => (existsSync(join(workDir, 'clips')) ? readdirSync(join(workDir, 'clips')).filter((name) => name.startsWith('raw-')).length : 0);

describe('a dub whose worker is killed mid-synthesis, or that is cancelled', () => {
  test('resumes on another worker without speaking the finished lines again, and leaves no partial artifact', { timeout: 300_000 }, async () => {
    const t = await createTestApp({ env: ENV });
    const scratch = scratchDir('dub-resume');
    const workers: RunningWorker[] = [];
    try {
      const user = await createUser(t, 'kaito', 'operator');
      const token = (await loginWithToken(t, 'kaito')).access_token;
      const source = await testVideo(join(scratch, 'scene.mp4'), { seconds: 84, codec: 'h264', audio: 'silence' });
      const info = await probeMedia(mediaTools().ffprobe, source);
      const video = await insertTestFile(t, user.id, 'video', 'scene.mp4', readFileSync(source), info);
      const subtitles = await insertTestFile(t, user.id, 'subtitles', 'scene.srt', SRT);
      const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', imports: { translated_subtitles: subtitles } } });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const id = submitted.json().id as string;
      const workDir = join(t.dataDir, 'work', id);

      const env = { SAKUGA_DATA_DIR: t.dataDir, ...ENV };
      workers.push(await startWorker(env));
      const deadline = Date.now() + 120_000;
      while (rawClips(workDir) < 5) {
        assert.ok(Date.now() < deadline, 'synthesis never got going');
        await sleep(20);
      }
      workers[0]!.child.kill('SIGKILL');
      await workers[0]!.exited;
      const spokenBefore = rawClips(workDir);
      assert.ok(spokenBefore < LINES, `killed mid-synthesis (${spokenBefore} of ${LINES} lines spoken)`);

      workers.push(await startWorker(env));
      const job = await waitForJob(t, token, id, isFinal, 240_000);
      assert.equal(job.status, 'succeeded', JSON.stringify(job.failure));
      assert.equal(job.attempts, 2);
      const log = (await t.app.inject({ url: `/api/jobs/${id}/log`, headers: bearer(token) })).json().entries as Array<{ msg: string; fields?: { kept?: number; spoken_now?: number } }>;
      const synthesis = log.filter((entry) => entry.msg === 'synthesized the lines');
      assert.equal(synthesis.length, 1, 'only the resumed run finished the stage');
      assert.ok(synthesis[0]!.fields!.kept! >= spokenBefore, `kept ${synthesis[0]!.fields!.kept} clips of the first run (≥ ${spokenBefore})`);
      assert.equal(synthesis[0]!.fields!.kept! + synthesis[0]!.fields!.spoken_now!, LINES);
      assert.deepEqual(await storedArtifacts(t, id), DUB_ARTIFACTS, 'no partial or stray artifact');
    } finally {
      for (const worker of workers) worker.child.kill('SIGKILL');
      await Promise.all(workers.map((worker) => worker.exited));
      await t.close();
    }
  });

  test('cancelled mid-synthesis: its processes end, no dubbed.mp4 or partial file is left, its work dir is removed', { timeout: 300_000 }, async () => {
    const t = await createTestApp({ env: ENV });
    const scratch = scratchDir('dub-cancel');
    const worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
    try {
      const user = await createUser(t, 'kaito', 'operator');
      const token = (await loginWithToken(t, 'kaito')).access_token;
      const source = await testVideo(join(scratch, 'scene.mp4'), { seconds: 84, codec: 'h264', audio: 'silence' });
      const video = await insertTestFile(t, user.id, 'video', 'scene.mp4', readFileSync(source), await probeMedia(mediaTools().ffprobe, source));
      const subtitles = await insertTestFile(t, user.id, 'subtitles', 'scene.srt', SRT);
      const id = (await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', imports: { translated_subtitles: subtitles } } })).json().id as string;
      const workDir = join(t.dataDir, 'work', id);
      worker.start();
      const deadline = Date.now() + 120_000;
      while (rawClips(workDir) < 3) {
        assert.ok(Date.now() < deadline, 'synthesis never got going');
        await sleep(20);
      }
      const cancelled = await t.app.inject({ method: 'POST', url: `/api/jobs/${id}/cancel`, headers: bearer(token) });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      const job = await waitForJob(t, token, id, isFinal, 30_000);
      assert.equal(job.status, 'cancelled');
      assert.deepEqual(await storedArtifacts(t, id), ['segments.json'], 'only the finished probe stage\'s segments, nothing partial');
      const gone = Date.now() + 10_000;
      while (existsSync(workDir) && Date.now() < gone) await sleep(50);
      assert.ok(!existsSync(workDir), 'the work dir (clips, audio) is removed');
    } finally {
      await worker.stop();
      await t.close();
    }
  });
});
