import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { createJobWorker } from '../src/jobs/engine.js';
import type { Worker } from '../src/jobs/worker.js';
import { probeMedia } from '../src/media/probe.js';
import { clipHash } from '../src/pipeline/segments.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { bearer, createUser, loginWithToken } from './helpers/auth.js';
import { decodeAudio, DUB_ARTIFACTS, integratedLoudness, mediaTools, rmsDb, SCENE_LINES, SCENE_SRT, scratchDir, testVideo } from './helpers/dub-media.js';
import { submitJob, waitForJob } from './helpers/jobs.js';
import { tusUpload, verdictOf } from './helpers/tus.js';


describe('a dub from a fresh install: a silent clip, a translated SRT and the offline voice make a dubbed MP4', () => {
  let t: TestApp;
  let worker: Worker;
  let token: string;
  let base: string;
  let scratch: string;
  before(async () => {
    scratch = scratchDir('dub-e2e');
    t = await createTestApp();
    await createUser(t, 'kaito', 'operator');
    token = (await loginWithToken(t, 'kaito')).access_token;
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
    worker.start();
  });
  after(async () => {
    await worker.stop();
    await t.close();
  });

  async function upload(bytes: Buffer, filename: string, kind: string): Promise<string> {
    const id = await tusUpload(base, token, bytes, { filename, kind });
    const verdict = await verdictOf(t, token, id);
    assert.equal(verdict.status, 'accepted', JSON.stringify(verdict));
    return id;
  }

  test('dubbed.mp4 has the video, the dub first (tagged), the original second and soft subtitles; speech sits in each cue and loudness hits the target', { timeout: 240_000 }, async () => {
    const source = await testVideo(join(scratch, 'scene.mp4'), { seconds: 12, codec: 'h264', audio: 'silence', language: 'jpn' });
    const video = await upload(readFileSync(source), 'scene.mp4', 'video');
    const subtitles = await upload(Buffer.from(SCENE_SRT), 'scene.en.srt', 'subtitles');
    const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', source_language: 'ja', imports: { translated_subtitles: subtitles } } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const job = await waitForJob(t, token, submitted.json().id, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status), 200_000);
    if (job.status !== 'succeeded') {
      const log = (await t.app.inject({ url: `/api/jobs/${job.id}/log`, headers: bearer(token) })).json();
      assert.fail(`dub ${job.status}: ${JSON.stringify(job.failure)}\n${JSON.stringify(log.entries, null, 1)}`);
    }
    assert.deepEqual((job.stages as Array<{ status: string }>).map((stage) => stage.status), ['done', 'done', 'skipped', 'skipped', 'done', 'done', 'done', 'done', 'done', 'done']);

    const artifacts = (await t.app.inject({ url: `/api/jobs/${job.id}/artifacts`, headers: bearer(token) })).json().artifacts as Array<{ name: string }>;
    assert.deepEqual(artifacts.map((artifact) => artifact.name).sort(), DUB_ARTIFACTS);
    const fetch = async (name: string) => {
      const response = await t.app.inject({ url: `/api/jobs/${job.id}/artifacts/${name}`, headers: bearer(token) });
      assert.equal(response.statusCode, 200);
      return response.rawPayload;
    };
    const dubbed = join(scratch, 'dubbed.mp4');
    writeFileSync(dubbed, await fetch('dubbed.mp4'));

    const { ffprobe } = mediaTools();
    const probed = await probeMedia(ffprobe, dubbed);
    assert.deepEqual(probed.streams.map((stream) => stream.type), ['video', 'audio', 'audio', 'subtitle']);
    assert.equal(probed.streams[0]!.codec, 'h264');
    const sourceInfo = await probeMedia(ffprobe, source);
    assert.ok(Math.abs(probed.durationSeconds! - sourceInfo.durationSeconds!) <= 0.1, `duration ${probed.durationSeconds} vs ${sourceInfo.durationSeconds}`);
    const languages = await streamLanguages(dubbed);
    assert.deepEqual(languages, ['und', 'eng', 'jpn', 'eng'], 'video, then the dub, the original and the subtitles');

    // Speech inside each cue's window, nothing outside (the original is silent).
    const dub = await decodeAudio(dubbed, '0:a:0', join(scratch, 'dub.wav'));
    for (const [start, end] of SCENE_LINES) assert.ok((await rmsDb(dub, start, end)) > -40, `speech in ${start}–${end} ms`);
    const gaps: Array<[number, number]> = [[0, 900], [3_600, 4_400], [7_100, 7_900], [11_000, 12_000]];
    for (const [start, end] of gaps) assert.ok((await rmsDb(dub, start, end)) < -60, `silence in ${start}–${end} ms`);
    const loudness = await integratedLoudness(dubbed);
    assert.ok(Math.abs(loudness - -16) <= 1, `integrated loudness ${loudness} LUFS, target −16`);

    const document = JSON.parse((await fetch('segments.json')).toString('utf8'));
    assert.deepEqual(document.segments.map((s: { id: string }) => s.id), ['s0001', 's0002', 's0003']);
    assert.ok(document.segments.every((s: { clip: unknown; hash: unknown; tempo: number }) => s.clip && s.hash && s.tempo >= 1));
    const stored = await t.services.db.selectFrom('dub_segments').select(['id', 'target_text', 'clip_sha256']).where('job_id', '=', job.id).orderBy('position').execute();
    assert.deepEqual(stored.map((row) => [row.id, row.target_text]), SCENE_LINES.map(([, , text], index) => [`s000${index + 1}`, text]));
    assert.ok(stored.every((row) => row.clip_sha256), 'the segment table holds each clip');
    assert.match((await fetch('subtitles.en.vtt')).toString('utf8'), /^WEBVTT/);

    // A clean dub: QA measures every line and the programme, and fails nothing.
    const qa = (await t.app.inject({ url: `/api/jobs/${job.id}/qa`, headers: bearer(token) })).json();
    assert.deepEqual(qa, JSON.parse((await fetch('qa.json')).toString('utf8')));
    assert.equal(qa.overall.failures, 0, JSON.stringify(qa.overall.findings));
    assert.deepEqual(qa.segments.map((segment: { id: string; clip_ms: number | null }) => [segment.id, segment.clip_ms !== null]), [['s0001', true], ['s0002', true], ['s0003', true]]);
    assert.ok(Math.abs(qa.overall.integrated_lufs - -16) <= 1 && qa.overall.drift_ms <= 40, JSON.stringify(qa.overall));

    const log = JSON.stringify((await t.app.inject({ url: `/api/jobs/${job.id}/log`, headers: bearer(token) })).json());
    for (const [, , text] of SCENE_LINES) assert.ok(!log.includes(text), 'no transcript text in the job log');
  });

  test('voices per speaker: diarization names each line\'s speaker, `voices` picks the speaker\'s voice, `voice` the rest\'s', { timeout: 240_000 }, async () => {
    const source = await testVideo(join(scratch, 'two.mp4'), { seconds: 12, codec: 'h264', audio: 'silence' });
    const video = await upload(readFileSync(source), 'two.mp4', 'video');
    const subtitles = await upload(Buffer.from(SCENE_SRT), 'two.en.srt', 'subtitles');
    // Mika speaks the first line, Ren the second; nobody is diarized in the third.
    const turns = { turns: [{ speaker: 'Mika', start: 0.8, end: 3.2 }, { speaker: 'Ren', start: 4.4, end: 6.6 }] };
    const diarization = await upload(Buffer.from(JSON.stringify(turns)), 'turns.json', 'data');
    const voices = { Mika: 'gmw/en-GB-x-rp', Ren: 'gmw/en-US-nyc' };
    const submitted = await submitJob(t, token, {
      type: 'dub',
      options: { upload_id: video, target_language: 'en', imports: { translated_subtitles: subtitles, diarization_json: diarization }, voices, voice: 'gmw/en-GB-scotland' },
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const job = await waitForJob(t, token, submitted.json().id, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status), 200_000);
    assert.equal(job.status, 'succeeded', JSON.stringify(job.failure));
    const stored = await t.services.db.selectFrom('dub_segments').select(['id', 'speaker', 'start_ms', 'end_ms', 'target_text', 'hash']).where('job_id', '=', job.id).orderBy('position').execute();
    assert.deepEqual(stored.map((row) => row.speaker), ['Mika', 'Ren', null]);
    const expected = ['gmw/en-GB-x-rp', 'gmw/en-US-nyc', 'gmw/en-GB-scotland'];
    stored.forEach((row, index) => {
      const nextStartMs = stored[index + 1]?.start_ms ?? 12_000;
      const hash = clipHash({ text: row.target_text!, voice: expected[index]!, engine: 'espeak', startMs: row.start_ms, endMs: row.end_ms, nextStartMs, maxTempo: 1.35 });
      assert.equal(row.hash, hash, `${row.id} was spoken by ${expected[index]}`);
    });
  });
});

/** The language tag of each stream, in order (ffprobe). */
async function streamLanguages(path: string): Promise<string[]> {
  const { runTool } = await import('../src/media/run-tool.js');
  const { stdout } = await runTool(mediaTools().ffprobe, ['-v', 'error', '-print_format', 'json', '-show_entries', 'stream_tags=language', path], { timeoutMs: 30_000, maxOutputBytes: 1 << 20, memoryBytes: 1 << 30 });
  return (JSON.parse(stdout.toString('utf8')) as { streams: Array<{ tags?: { language?: string } }> }).streams.map((stream) => stream.tags?.language ?? 'und');
}
