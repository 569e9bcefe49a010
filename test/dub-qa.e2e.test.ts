import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from './helpers/app.js';
import { type DubApp, startDubApp } from './helpers/dub-app.js';
import { bearer } from './helpers/auth.js';
import { ffmpeg, scratchDir, testVideo } from './helpers/dub-media.js';
import { isFinal, submitJob, waitForJob } from './helpers/jobs.js';

/** Four lines, two of them faulty as imported: one far too long for its slot, one left in the source language. */
const DOCUMENT = {
  version: 1,
  segments: [
    { start_ms: 1_000, end_ms: 3_000, source_text: 'おはよう、ミカ。', target_text: 'Good morning, Mika.' },
    { start_ms: 4_000, end_ms: 4_600, source_text: 'ちょっと待って。', target_text: 'Wait, this line is far too long to be spoken in the short moment it is given on the screen.' },
    { start_ms: 6_000, end_ms: 8_000, source_text: 'Almost finished.', target_text: 'Almost finished.' },
    { start_ms: 9_000, end_ms: 11_000, source_text: 'また明日。', target_text: 'See you tomorrow.' },
  ],
};

interface Finding {
  code: string;
  severity: 'failure' | 'warning';
  segment: string | null;
}
interface Report {
  segments: Array<{ id: string; findings: Finding[]; overflow_ms: number | null; clipping: boolean; untranslated: boolean }>;
  overall: { failures: number; counts: Record<string, number>; findings: Finding[] };
}

describe('QA finds the faults planted in a real dub, each on its own line', () => {
  let t: TestApp;
  let app: DubApp;
  let token: string;
  let jobId: string;

  const qa = async (): Promise<Report> => {
    const response = await t.app.inject({ url: `/api/jobs/${jobId}/qa`, headers: bearer(token) });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };
  const failuresBySegment = (report: Report) => Object.fromEntries(report.segments.map((segment) => [segment.id, segment.findings.filter((f) => f.severity === 'failure').map((f) => f.code).sort()]));
  async function finished(): Promise<void> {
    const job = await waitForJob(t, token, jobId, isFinal, 200_000);
    assert.equal(job.status, 'succeeded', JSON.stringify(job.failure));
  }

  before(async () => {
    const scratch = scratchDir('dub-qa');
    app = await startDubApp('rin');
    ({ t, token } = app);
    const { upload } = app;
    const video = await upload(readFileSync(await testVideo(join(scratch, 'scene.mp4'), { seconds: 12, codec: 'h264', audio: 'silence', audioRate: 48_000, audioChannels: 2 })), 'scene.mp4', 'video');
    const segments = await upload(Buffer.from(JSON.stringify(DOCUMENT)), 'segments.json', 'data');
    const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', source_language: 'ja', imports: { segments_json: segments } } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    jobId = submitted.json().id;
    await finished();
  });
  after(() => app.close());

  test('the over-long line overflows and the line left in the source language is untranslated; the others are clean', async () => {
    const report = await qa();
    assert.deepEqual(failuresBySegment(report), { s0001: [], s0002: ['overflow_long'], s0003: ['untranslated'], s0004: [] });
    assert.ok(report.segments[1]!.overflow_ms! > 600, `overflow ${report.segments[1]!.overflow_ms} ms`);
    assert.equal(report.overall.failures, 2);
    assert.deepEqual(report.overall.findings.filter((f) => f.severity === 'failure'), [], 'no failure of the whole programme (drift, loudness)');
  });

  test('a clipped clip planted among the kept clips is heard on its line after a re-render', { timeout: 240_000 }, async () => {
    const line = (await t.app.inject({ url: `/api/jobs/${jobId}/segments`, headers: bearer(token) })).json().segments[3] as { hash: string | null; clip: { duration_ms: number } };
    assert.ok(line.hash, 'the line was fitted');
    // The fitted clip the re-render keeps (its hash is unchanged), replaced by a clip of the same length driven 20 dB past full scale.
    const clips = join(t.dataDir, 'work', jobId, 'clips');
    const fitted = join(clips, readdirSync(clips).find((name) => name === `fit-${line.hash!.slice(0, 32)}.wav`)!);
    const seconds = (line.clip.duration_ms / 1000).toFixed(3);
    const mode = statSync(fitted).mode;
    await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', `aevalsrc=0.5*sin(2*PI*300*t):s=48000:d=${seconds}`, '-af', 'volume=20dB', '-ac', '1', '-c:a', 'pcm_s16le', '-y', fitted]);
    assert.equal(statSync(fitted).mode, mode);

    const started = await t.app.inject({ method: 'POST', url: `/api/jobs/${jobId}/rerender`, headers: bearer(token) });
    assert.equal(started.statusCode, 202, started.body);
    await finished();
    const report = await qa();
    assert.deepEqual(failuresBySegment(report), { s0001: [], s0002: ['overflow_long'], s0003: ['untranslated'], s0004: ['clipping'] });
    assert.equal(report.segments[3]!.clipping, true);
  });
});
