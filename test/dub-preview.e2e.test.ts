import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readWavInfo } from '../src/pipeline/media/wav.js';
import { PREVIEWS_KEPT } from '../src/pipeline/preview/service.js';
import type { TestApp } from './helpers/app.js';
import { type DubApp, startDubApp } from './helpers/dub-app.js';
import { bearer } from './helpers/auth.js';
import { rmsDb, SCENE_SRT, scratchDir, testVideo } from './helpers/dub-media.js';
import { isFinal, submitJob, waitForJob } from './helpers/jobs.js';

/** Far more than the last line's 1.5 s slot (plus the 1.5 s it may borrow) holds, even at the tempo cap. */
const LONG_TEXT = 'Almost finished, but the last three cuts of the storyboard still need their backgrounds, their shadows and a second look from the director.';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface PreviewLog {
  voice: string | null;
  tempo: number;
  overflow_ms: number;
  budget_ms: number;
  duration_ms: number;
}

describe('line preview: hear one line, spoken and fitted like the dub would, without touching the dub', () => {
  let t: TestApp;
  let app: DubApp;
  let token: string;
  let jobId: string;
  let scratch: string;
  const previews: string[] = [];

  const api = (method: 'GET' | 'PATCH' | 'POST', url: string, options: { payload?: object; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method, url, headers: { ...bearer(token), ...options.headers }, ...(options.payload && { payload: options.payload }) });
  /** Everything of the dub a preview must leave alone: its lines (clips and ETags included), its job row as shown, its artifacts. */
  const dubAsItStands = async () => ({
    segments: (await api('GET', `/api/jobs/${jobId}/segments`)).json(),
    job: (await api('GET', `/api/jobs/${jobId}`)).json(),
    artifacts: (await api('GET', `/api/jobs/${jobId}/artifacts`)).json(),
  });

  async function preview(sid: string, payload?: object): Promise<{ id: string; audioPath: string }> {
    const response = await api('POST', `/api/jobs/${jobId}/segments/${sid}/preview`, payload ? { payload } : {});
    assert.equal(response.statusCode, 202, response.body);
    const { job, audio_path } = response.json();
    assert.equal(job.type, 'dub_preview');
    previews.push(job.id);
    return { id: job.id, audioPath: audio_path };
  }

  async function succeeded(id: string): Promise<PreviewLog> {
    const job = await waitForJob(t, token, id, isFinal, 120_000);
    const log = (await api('GET', `/api/jobs/${id}/log?limit=1000`)).json().entries as Array<{ msg: string; fields?: PreviewLog }>;
    assert.equal(job.status, 'succeeded', `${JSON.stringify(job.failure)}\n${JSON.stringify(log, null, 1)}`);
    const line = log.find((entry) => entry.msg === 'previewed the line');
    assert.ok(line?.fields, 'the preview logs its fit');
    return line.fields;
  }

  /** Fetches the preview whole and by Range, and returns it as a WAV file on disk. */
  async function fetched(audioPath: string, name: string): Promise<string> {
    const whole = await api('GET', audioPath);
    assert.equal(whole.statusCode, 200, whole.body);
    assert.equal(whole.headers['content-type'], 'audio/wav');
    const part = await api('GET', audioPath, { headers: { range: 'bytes=0-99' } });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 0-99/${whole.rawPayload.length}`);
    assert.deepEqual(part.rawPayload, whole.rawPayload.subarray(0, 100));
    const path = join(scratch, name);
    writeFileSync(path, whole.rawPayload);
    return path;
  }

  before(async () => {
    scratch = scratchDir('dub-preview');
    app = await startDubApp('hana');
    ({ t, token } = app);
    const { upload } = app;
    const video = await upload(readFileSync(await testVideo(join(scratch, 'scene.mp4'), { seconds: 12, codec: 'h264', audio: 'silence' })), 'scene.mp4', 'video');
    const subtitles = await upload(Buffer.from(SCENE_SRT), 'scene.en.srt', 'subtitles');
    const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', imports: { translated_subtitles: subtitles } } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    jobId = submitted.json().id;
    const dub = await waitForJob(t, token, jobId, isFinal, 200_000);
    assert.equal(dub.status, 'succeeded', JSON.stringify(dub.failure));
  });
  after(() => app.close());

  test('the saved text and an unsaved one are heard as real, fitted audio; the dub stays exactly as it was', { timeout: 240_000 }, async () => {
    const before = await dubAsItStands();
    const saved = await preview('s0001');
    const long = await preview('s0003', { target_text: LONG_TEXT });
    const during = await api('GET', `/api/jobs/${jobId}/segments`);
    assert.equal(during.json().editable, true, 'a preview does not make the dub busy');

    const savedFit = await succeeded(saved.id);
    const savedWav = await fetched(saved.audioPath, 'saved.wav');
    const savedInfo = await readWavInfo(savedWav);
    assert.ok(savedInfo.durationMs > 300, `a spoken line, not a blip: ${savedInfo.durationMs} ms`);
    assert.ok(Math.abs(savedInfo.durationMs - savedFit.duration_ms) <= 1, 'the file is the clip the log describes');
    assert.ok(savedFit.tempo >= 1 && savedFit.tempo <= t.config.dub.maxTempo);
    assert.equal(savedFit.overflow_ms, 0, 'a short line fits its slot');
    assert.ok(savedInfo.durationMs <= savedFit.budget_ms, `${savedInfo.durationMs} ms within its ${savedFit.budget_ms} ms budget`);
    assert.ok((await rmsDb(savedWav, 0, savedInfo.durationMs)) > -40, 'not silence');
    const minted = await api('POST', '/api/signed-urls', { payload: { path: saved.audioPath } });
    assert.equal(minted.statusCode, 200, minted.body);
    const bySignedUrl = await t.app.inject({ url: minted.json().url, headers: { range: 'bytes=0-43' } });
    assert.equal(bySignedUrl.statusCode, 206, 'a player without headers plays it through a signed URL');
    assert.deepEqual(bySignedUrl.rawPayload, readFileSync(savedWav).subarray(0, 44));
    const dubClip = before.segments.segments[0].clip;
    assert.equal(sha256(readFileSync(savedWav)), dubClip.sha256, 'the saved line is heard exactly as the dub has it: same voice, same fit');

    const longFit = await succeeded(long.id);
    const longWav = await fetched(long.audioPath, 'long.wav');
    const longInfo = await readWavInfo(longWav);
    assert.equal(longFit.tempo, t.config.dub.maxTempo, 'sped up to the dub\'s cap and no further');
    assert.equal(longFit.budget_ms, 3_000, 'the last line: its 1.5 s and 1.5 s of the gap to the video\'s end');
    assert.ok(longFit.overflow_ms > 0, 'the overflow is reported, never hidden');
    assert.ok(longInfo.durationMs > savedInfo.durationMs * 2, 'the unsaved text was spoken, not the saved one');
    assert.ok((await rmsDb(longWav, 0, longInfo.durationMs)) > -40, 'not silence');

    assert.deepEqual(await dubAsItStands(), before, 'segments, clips, ETags, render, state and artifacts unchanged');
  });

  test('a locked line can be heard; a line with its own voice is heard with it', { timeout: 120_000 }, async () => {
    const [, second, third] = (await api('GET', `/api/jobs/${jobId}/segments`)).json().segments;
    const locked = await api('PATCH', `/api/jobs/${jobId}/segments/s0002`, { payload: { locked: true }, headers: { 'if-match': second.etag } });
    assert.equal(locked.statusCode, 200, locked.body);
    const voiced = await api('PATCH', `/api/jobs/${jobId}/segments/s0003`, { payload: { voice: 'gmw/en-GB-scotland' }, headers: { 'if-match': third.etag } });
    assert.equal(voiced.statusCode, 200, voiced.body);
    const heard = await preview('s0002');
    const ownVoice = await preview('s0003');
    const heardFit = await succeeded(heard.id);
    assert.equal((await api('GET', heard.audioPath)).statusCode, 200);
    assert.equal((await succeeded(ownVoice.id)).voice, 'gmw/en-GB-scotland');
    assert.notEqual(heardFit.voice, 'gmw/en-GB-scotland', 'the others keep the dub\'s voice');
  });

  test(`previews stay out of the job list, and only the last ${PREVIEWS_KEPT} of a dub are kept`, { timeout: 120_000 }, async () => {
    const listed = (await api('GET', '/api/jobs')).json().jobs.map((job: { id: string }) => job.id);
    assert.deepEqual(listed, [jobId]);
    // More previews, cancelled at once: an ended preview counts like a heard one.
    while (previews.length < PREVIEWS_KEPT) {
      const { id } = await preview('s0001');
      assert.equal((await api('POST', `/api/jobs/${id}/cancel`)).statusCode, 200);
      await waitForJob(t, token, id, isFinal, 60_000);
    }
    const [oldest] = previews;
    assert.ok(await t.services.artifacts.file(oldest!, 'preview.wav'), 'the oldest preview\'s file is stored');
    assert.equal((await api('GET', `/api/jobs/${oldest}`)).statusCode, 200, `${PREVIEWS_KEPT} previews are all kept`);

    const newest = await preview('s0001');
    assert.equal((await api('GET', `/api/jobs/${oldest}`)).statusCode, 404, 'the oldest preview is removed');
    assert.equal(await t.services.artifacts.file(oldest!, 'preview.wav'), undefined, 'and its file with it');
    const kept = (await api('GET', '/api/jobs?type=dub_preview')).json().jobs.map((job: { id: string }) => job.id);
    assert.deepEqual(kept, previews.slice(1).reverse(), 'the newest five, asked for by type');
    await waitForJob(t, token, newest.id, isFinal, 120_000);
  });
});
