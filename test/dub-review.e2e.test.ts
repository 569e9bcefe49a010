import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from './helpers/app.js';
import { type DubApp, startDubApp } from './helpers/dub-app.js';
import { bearer } from './helpers/auth.js';
import { SCENE_SRT, scratchDir, testVideo } from './helpers/dub-media.js';
import { isFinal, submitJob, waitForJob } from './helpers/jobs.js';


interface SegmentBody {
  id: string;
  target_text: string | null;
  locked: boolean;
  clip: { sha256: string } | null;
  etag: string;
}

describe('review: edit a line, re-render only what changed, keep locked lines and earlier renders', () => {
  let t: TestApp;
  let app: DubApp;
  let token: string;
  let jobId: string;

  const api = (method: 'GET' | 'PATCH' | 'POST', url: string, options: { payload?: object; headers?: Record<string, string>; as?: string } = {}) =>
    t.app.inject({ method, url, headers: { ...bearer(options.as ?? token), ...options.headers }, ...(options.payload && { payload: options.payload }) });
  const segments = async (): Promise<SegmentBody[]> => {
    const response = await api('GET', `/api/jobs/${jobId}/segments`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json().segments;
  };
  const clips = async () => Object.fromEntries((await segments()).map((segment) => [segment.id, segment.clip?.sha256]));
  async function finished(): Promise<Record<string, unknown>> {
    const job = await waitForJob(t, token, jobId, isFinal, 200_000);
    if (job.status !== 'succeeded') {
      const log = (await api('GET', `/api/jobs/${jobId}/log`)).json();
      assert.fail(`dub ${job.status}: ${JSON.stringify(job.failure)}\n${JSON.stringify(log.entries, null, 1)}`);
    }
    return job;
  }
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  before(async () => {
    const scratch = scratchDir('dub-review');
    app = await startDubApp('yuki');
    ({ t, token } = app);
    const { upload } = app;
    const video = await upload(readFileSync(await testVideo(join(scratch, 'scene.mp4'), { seconds: 12, codec: 'h264', audio: 'silence' })), 'scene.mp4', 'video');
    const subtitles = await upload(Buffer.from(SCENE_SRT), 'scene.en.srt', 'subtitles');
    const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', imports: { translated_subtitles: subtitles } } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    jobId = submitted.json().id;
    await finished();
  });
  after(() => app.close());

  test('an edit needs the segment\'s current ETag: none → 428, another → 412, a stale one → 412', async () => {
    const [, second] = await segments();
    const url = `/api/jobs/${jobId}/segments/s0002`;
    const none = await api('PATCH', url, { payload: { target_text: 'Nope.' } });
    assert.equal(none.statusCode, 428);
    assert.equal(none.json().error.code, 'precondition_required');
    const other = await api('PATCH', url, { payload: { target_text: 'Nope.' }, headers: { 'if-match': '"not-this-one"' } });
    assert.equal(other.statusCode, 412);
    assert.equal(other.json().error.code, 'precondition_failed');
    const weak = await api('PATCH', url, { payload: { target_text: 'Nope.' }, headers: { 'if-match': `W/${second!.etag}` } });
    assert.equal(weak.statusCode, 412, 'If-Match compares strongly');

    const edited = await api('PATCH', url, { payload: { target_text: 'Is the storyboard ready yet?' }, headers: { 'if-match': second!.etag } });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.headers.etag, edited.json().etag);
    assert.notEqual(edited.json().etag, second!.etag);
    const stale = await api('PATCH', url, { payload: { target_text: 'Overwritten?' }, headers: { 'if-match': second!.etag } });
    assert.equal(stale.statusCode, 412, 'the first edit is never overwritten unseen');
    assert.equal((await segments())[1]!.target_text, 'Is the storyboard ready yet?');
  });

  test('timing stays between the neighbours and inside the video', async () => {
    const [first] = await segments();
    const url = `/api/jobs/${jobId}/segments/s0001`;
    for (const payload of [{ end_ms: 4_600 }, { start_ms: 3_000 }, { start_ms: 2_000, end_ms: 1_500 }]) {
      const response = await api('PATCH', url, { payload, headers: { 'if-match': first!.etag } });
      assert.equal(response.statusCode, 422, JSON.stringify(payload));
      assert.equal(response.json().error.code, 'segment_timing_out_of_bounds');
    }
    const last = (await segments())[2]!;
    const past = await api('PATCH', `/api/jobs/${jobId}/segments/s0003`, { payload: { end_ms: 12_500 }, headers: { 'if-match': last.etag } });
    assert.equal(past.statusCode, 422, 'the last line ends inside the video');
  });

  test('a re-render speaks only the edited line again; the first render stays as version 1', { timeout: 240_000 }, async () => {
    const before = await clips();
    const firstVideo = (await api('GET', `/api/jobs/${jobId}/artifacts/dubbed.mp4`)).rawPayload;
    const started = await api('POST', `/api/jobs/${jobId}/rerender`);
    assert.equal(started.statusCode, 202, started.body);
    assert.equal(started.json().render, 2);
    const during = await api('PATCH', `/api/jobs/${jobId}/segments/s0003`, { payload: { target_text: 'Done.' }, headers: { 'if-match': '*' } });
    assert.equal(during.statusCode, 409, 'no edit while a render runs');
    assert.equal(during.json().error.code, 'dub_busy');
    const again = await api('POST', `/api/jobs/${jobId}/rerender`);
    assert.equal(again.statusCode, 409, 'one render at a time');

    const job = await finished();
    assert.equal(job.render, 2);
    const after = await clips();
    assert.notEqual(after.s0002, before.s0002, 'the edited line has a new clip');
    assert.equal(after.s0001, before.s0001, 'an unchanged line keeps its clip');
    assert.equal(after.s0003, before.s0003, 'an unchanged line keeps its clip');
    const log = (await api('GET', `/api/jobs/${jobId}/log?limit=1000`)).json().entries as Array<{ msg: string; fields?: { spoken_now?: number } }>;
    assert.equal(log.filter((entry) => entry.msg === 'synthesized the lines').at(-1)?.fields?.spoken_now, 1, 'one line spoken again');

    const renders = (await api('GET', `/api/jobs/${jobId}/renders`)).json();
    assert.equal(renders.current, 2);
    assert.deepEqual(renders.versions.map((version: { render: number }) => version.render), [1]);
    const kept = await api('GET', `/api/jobs/${jobId}/renders/1/artifacts/dubbed.mp4`);
    assert.equal(kept.statusCode, 200);
    assert.equal(sha256(kept.rawPayload), sha256(firstVideo), 'version 1 is the first render as it was');
    const current = (await api('GET', `/api/jobs/${jobId}/artifacts/dubbed.mp4`)).rawPayload;
    assert.notEqual(sha256(current), sha256(firstVideo), 'the current render has the edit');
    assert.equal((await api('GET', `/api/jobs/${jobId}/renders/7/artifacts/dubbed.mp4`)).statusCode, 404);
  });

  test('a locked line keeps its clip through a re-render that changes every voice, and refuses edits until unlocked', { timeout: 240_000 }, async () => {
    const before = await clips();
    const first = (await segments())[0]!;
    const locked = await api('PATCH', `/api/jobs/${jobId}/segments/s0001`, { payload: { locked: true }, headers: { 'if-match': first.etag } });
    assert.equal(locked.statusCode, 200, locked.body);
    const refused = await api('PATCH', `/api/jobs/${jobId}/segments/s0001`, { payload: { target_text: 'Morning!' }, headers: { 'if-match': locked.json().etag } });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'segment_locked');

    const started = await api('POST', `/api/jobs/${jobId}/rerender`, { payload: { voice: 'gmw/en-GB-scotland' } });
    assert.equal(started.statusCode, 202, started.body);
    await finished();
    const after = await clips();
    assert.equal(after.s0001, before.s0001, 'the locked line kept its clip');
    assert.notEqual(after.s0002, before.s0002, 'the new voice speaks the other lines');
    assert.notEqual(after.s0003, before.s0003, 'the new voice speaks the other lines');
    assert.deepEqual((await api('GET', `/api/jobs/${jobId}/renders`)).json().versions.map((version: { render: number }) => version.render), [2, 1]);
  });

  test('a viewer reads the segments but cannot edit or re-render', async () => {
    const user = await t.services.db.selectFrom('users').select('id').where('username', '=', 'yuki').executeTakeFirstOrThrow();
    await t.services.db.updateTable('users').set({ role: 'viewer' }).where('id', '=', user.id).execute();
    try {
      const [first] = await segments();
      const edit = await api('PATCH', `/api/jobs/${jobId}/segments/s0002`, { payload: { target_text: 'x' }, headers: { 'if-match': first!.etag } });
      assert.equal(edit.statusCode, 403);
      assert.equal((await api('POST', `/api/jobs/${jobId}/rerender`)).statusCode, 403);
    } finally {
      await t.services.db.updateTable('users').set({ role: 'editor' }).where('id', '=', user.id).execute();
    }
  });
});
