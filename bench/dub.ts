import assert from 'node:assert/strict';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { Upload } from 'tus-js-client';
import { startOfflineVoice, voiceForLanguage } from '../src/engines/tts/espeak/offline-voice.js';
import { createJobWorker } from '../src/jobs/engine.js';
import { compiledJobs } from './compiled-jobs.js';
import { runTool } from '../src/media/run-tool.js';
import { locateTool } from '../src/media/toolchain.js';
import { buildDubTrack } from '../src/pipeline/media/dub-track.js';
import { toSrt } from '../src/pipeline/media/subtitles.js';
import { createTestApp } from '../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../test/helpers/auth.js';
import { submitJob, waitForJob } from '../test/helpers/jobs.js';
import { tusUpload, verdictOf } from '../test/helpers/tus.js';
import { type BaselineTimes, runBaseline } from './dub-baseline.js';
import { sampleProcessTree } from './process-tree.js';

const SECONDS = Number(process.env.BENCH_DUB_SECONDS ?? 300);
const LINE_COUNT = Number(process.env.BENCH_DUB_LINES ?? 60);
const GOAL = 1.5;

const WHO = ['Mika', 'The director', 'Kaito', 'Our studio', 'The new animator', 'Everyone here'];
const WHAT = [
  'finished the storyboard this morning.',
  'needs the key frames by Friday.',
  'wants the rain scene redrawn.',
  'thinks the colours are too dark.',
  'is waiting for the music team.',
  'found a mistake in episode four.',
  'will check the timing again tonight.',
  'liked the opening sequence a lot.',
  'asked for one more take of this line.',
  'is going home early today.',
];

/** `count` distinct lines (the voice speaks each distinct text once), 2.5 s slots spread over `seconds`. */
export function scriptLines(seconds = SECONDS, count = LINE_COUNT): Array<{ startMs: number; endMs: number; text: string }> {
  const step = (seconds * 1000 - 4000) / count;
  return Array.from({ length: count }, (_, index) => {
    const startMs = Math.round(2000 + index * step);
    return { startMs, endMs: startMs + 2500, text: `${WHO[index % WHO.length]} ${WHAT[Math.floor(index / WHO.length) % WHAT.length]}` };
  });
}

const ffmpeg = () => locateTool('ffmpeg', undefined);
const LONG = { timeoutMs: 1_200_000, maxOutputBytes: 4 * 1024 * 1024, memoryBytes: 2048 * 1024 * 1024 };
const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(7)} s`;
const mb = () => process.resourceUsage().maxRSS / 1024;

/**
 * The source: 720p H.264 (testsrc2, ultrafast) with a 440 Hz AAC tone tagged
 * Japanese, as test/helpers/dub-media.ts makes them: a 30 s piece encoded,
 * then looped by stream copy to SECONDS (encoding all of it would take
 * minutes here and measure nothing of Sakuga).
 */
export async function makeSource(dir: string, path: string, options: { seconds?: number; audioRate?: number; channels?: number } = {}): Promise<void> {
  const { seconds = SECONDS, audioRate = 44_100, channels = 1 } = options;
  const piece = join(dir, 'piece.mp4');
  const pieceSeconds = Math.min(30, seconds);
  const quiet = ['-hide_banner', '-nostdin', '-nostats', '-v', 'error'];
  await runTool(ffmpeg(), [
    ...quiet,
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=25:duration=${pieceSeconds}`,
    '-f', 'lavfi', '-t', String(pieceSeconds), '-i', `sine=frequency=440:sample_rate=${audioRate}:duration=${pieceSeconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', String(channels), '-t', String(pieceSeconds), '-y', piece,
  ], LONG);
  const loops = Math.ceil(seconds / pieceSeconds) - 1;
  await runTool(ffmpeg(), [...quiet, '-stream_loop', String(loops), '-i', piece, '-map', '0', '-c', 'copy', '-metadata:s:a:0', 'language=jpn', '-t', String(seconds), '-y', path], LONG);
  rmSync(piece);
}

/**
 * The voice alone over the same lines (its own process, as the synthesize
 * stage starts it), then the clips made 48 kHz mono and placed into the
 * ready dub track the baseline mixes (neither step timed).
 */
async function voiceAlone(dir: string, lines: ReturnType<typeof scriptLines>) {
  mkdirSync(dir);
  const voice = startOfflineVoice({ cwd: dir });
  let startup = 0;
  let spokenMs = 0;
  const started = performance.now();
  try {
    const id = voiceForLanguage('en', await voice.voices()).voice;
    startup = performance.now() - started;
    for (const [index, line] of lines.entries()) spokenMs += (await voice.synthesize(line.text, id, `raw-${index}.wav`)).durationMs;
  } finally {
    await voice.close();
  }
  const synthesisMs = performance.now() - started - startup;
  await runTool(ffmpeg(), ['-hide_banner', '-nostdin', '-v', 'error', ...lines.flatMap((_, i) => ['-i', join(dir, `raw-${i}.wav`)]), ...lines.flatMap((_, i) => ['-map', `${i}:a:0`, '-ac', '1', '-ar', '48000', '-c:a', 'pcm_s16le', '-y', join(dir, `clip-${i}.wav`)])], LONG);
  const dubTrack = join(dir, 'dub-track.wav');
  await buildDubTrack({ clips: lines.map((line, i) => ({ path: join(dir, `clip-${i}.wav`), startMs: line.startMs })), output: dubTrack, durationMs: SECONDS * 1000 });
  return { startup, synthesisMs, spokenMs, dubTrack };
}

/** One dub through the API (tus uploads, POST /api/jobs, the real worker and job process); stage times from the job's events. */
async function dubThroughApi(dir: string, source: string, srt: string) {
  const t = await createTestApp();
  const worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }), ...compiledJobs() });
  try {
    await createUser(t, 'kaito', 'operator');
    const token = (await loginWithToken(t, 'kaito')).access_token;
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    worker.start();
    const rssStart = mb();
    const uploadStarted = performance.now();
    const video = await new Promise<string>((resolve, reject) => {
      const upload = new Upload(createReadStream(source), {
        endpoint: `${base}/api/uploads`, headers: bearer(token), metadata: { filename: 'scene.mp4', kind: 'video' },
        uploadSize: statSync(source).size, chunkSize: 64 * 1024 * 1024, retryDelays: [], onError: reject, onSuccess: () => resolve(upload.url!.split('/').pop()!),
      });
      upload.start();
    });
    assert.equal((await verdictOf(t, token, video, 120_000)).status, 'accepted');
    const subtitles = await tusUpload(base, token, Buffer.from(srt), { filename: 'scene.en.srt', kind: 'subtitles' });
    assert.equal((await verdictOf(t, token, subtitles)).status, 'accepted');
    const uploadMs = performance.now() - uploadStarted;

    const tree = sampleProcessTree();
    const submittedAt = performance.now();
    const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', source_language: 'ja', imports: { translated_subtitles: subtitles } } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const job = await waitForJob(t, token, submitted.json().id, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status), 1_800_000);
    const observedMs = performance.now() - submittedAt;
    const memory = tree.stop();
    const log = (await t.app.inject({ url: `/api/jobs/${job.id}/log`, headers: bearer(token) })).json() as { entries: Array<{ msg: string; fields?: Record<string, unknown> }> };
    if (job.status !== 'succeeded') throw new Error(`dub ${job.status}: ${JSON.stringify(job.failure)}\n${JSON.stringify(log.entries, null, 1)}`);

    const events = await t.services.db.selectFrom('job_events').select(['kind', 'data', 'created_at']).where('job_id', '=', job.id as string).where('kind', '=', 'stage').orderBy('id').execute();
    const at = (index: number, status: string) => events.find((event) => JSON.parse(event.data).index === index && JSON.parse(event.data).status === status)?.created_at;
    // The worker stamps each event as it handles the child's message, after the previous stage's
    // checkpoint: a short stage's 'started' can be stamped late. Done to done is not skewed so.
    const firstStart = Date.parse(at(0, 'started')!);
    const doneAt = (job.stages as unknown[]).map((_, index) => Date.parse(at(index, 'done')!));
    const stages = (job.stages as Array<{ name: string; status: string }>).map((stage, index) => ({ name: stage.name, status: stage.status, ms: doneAt[index]! - (doneAt[index - 1] ?? firstStart) }));
    const jobStart = Date.parse(job.started_at as string);
    const document = JSON.parse((await t.app.inject({ url: `/api/jobs/${job.id}/artifacts/segments.json`, headers: bearer(token) })).body) as { segments: Array<{ clip?: { duration_ms: number }; tempo?: number }> };
    const rawMs = document.segments.reduce((sum, segment) => sum + (segment.clip?.duration_ms ?? 0) * (segment.tempo ?? 1), 0);
    const synthesized = log.entries.find((entry) => entry.msg === 'synthesized the lines')?.fields;
    return {
      stages, uploadMs, observedMs, rawMs, synthesized, memory, rssStart, rssEnd: mb(),
      launchMs: firstStart - jobStart,
      jobMs: Date.parse(job.finished_at as string) - jobStart,
    };
  } finally {
    await worker.stop();
    await t.close();
  }
}

function printBaseline(label: string, times: BaselineTimes): void {
  console.log(`  ${label.padEnd(12)} extract ${times.extract.toFixed(1)} s, loudness pass 1 (mix graph + ebur128) ${times.measure.toFixed(1)} s, pass 2 (mix graph + normalise + limiter) ${times.normalize.toFixed(1)} s, mux ${times.mux.toFixed(1)} s = ${times.total.toFixed(1)} s`);
}

/**
 * The dub issue's benchmark: a generated clip, LINE_COUNT imported lines and
 * the offline voice, through the API, beside the bare ffmpeg commands doing
 * its media work (run before and after the dub, on a shared machine).
 * Goal: job time minus synthesis ≤ 1.5 × that baseline.
 */
export const dubBench = {
  describe: `dub: a ${SECONDS / 60}-minute 720p clip, ${LINE_COUNT} imported lines, offline voice, through the API vs bare ffmpeg doing its media work`,
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'sakuga-bench-dub-'));
    try {
      const lines = scriptLines();
      const srt = toSrt(lines);
      const source = join(dir, 'scene.mp4');
      const generated = performance.now();
      await makeSource(dir, source);
      console.log(`dub: ${SECONDS} s of 1280x720 H.264 + AAC (${(statSync(source).size / 1024 ** 2).toFixed(0)} MB, made in ${((performance.now() - generated) / 1000).toFixed(0)} s), ${LINE_COUNT} lines imported as SRT, target en, offline voice`);
      writeFileSync(join(dir, 'scene.en.srt'), srt);

      const voice = await voiceAlone(join(dir, 'voice'), lines);
      const baselineInput = (round: number) => ({
        source, dubTrack: voice.dubTrack, subtitles: join(dir, 'scene.en.srt'), segments: lines, durationMs: SECONDS * 1000,
        out: { original: join(dir, `original-${round}.wav`), asr: join(dir, `asr-${round}.wav`), mix: join(dir, `mix-${round}.wav`), video: join(dir, `dubbed-${round}.mp4`) },
      });
      const before = await runBaseline(ffmpeg(), baselineInput(1));
      const ours = await dubThroughApi(dir, source, srt);
      const after = await runBaseline(ffmpeg(), baselineInput(2));
      const baseline = (before.total + after.total) / 2;

      const synthesisMs = ours.stages.find((stage) => stage.name === 'synthesize')?.ms ?? 0;
      const media = ours.jobMs - synthesisMs;
      console.log('ours, through the API (job events: each stage from the previous one\'s checkpoint to its own):');
      console.log(`  ${'(launch)'.padEnd(12)} ${seconds(ours.launchMs)}   job claimed → first stage started (job process start-up)`);
      for (const stage of ours.stages) console.log(`  ${stage.name.padEnd(12)} ${seconds(stage.ms)}${stage.status === 'skipped' ? '   (skipped: imported)' : ''}`);
      console.log(`  job (started → finished)  ${seconds(ours.jobMs)}   (submit → seen done ${seconds(ours.observedMs).trim()}; uploads before it ${seconds(ours.uploadMs).trim()})`);
      console.log(`  job − synthesis           ${seconds(media)}`);
      console.log(`  synthesis: ${JSON.stringify(ours.synthesized ?? {})}, raw speech ${(ours.rawMs / 1000).toFixed(1)} s, RTF ${(synthesisMs / ours.rawMs).toFixed(3)} (stage time ÷ raw clip length)`);
      console.log(`voice alone over the same lines: start-up ${(voice.startup / 1000).toFixed(1)} s, ${LINE_COUNT} lines in ${(voice.synthesisMs / 1000).toFixed(1)} s for ${(voice.spokenMs / 1000).toFixed(1)} s of speech, RTF ${(voice.synthesisMs / voice.spokenMs).toFixed(3)}`);
      console.log('baseline, bare ffmpeg with a ready dub track (same binary, same filters, same stream layout):');
      printBaseline('before dub', before);
      printBaseline('after dub', after);
      console.log(`  mean                      ${seconds(baseline * 1000)}`);
      console.log(`ratio (job − synthesis) / baseline   ${(media / 1000 / baseline).toFixed(2)}   (goal ≤ ${GOAL})`);
      console.log(`peak RSS: bench process (app + worker + uploads) ${ours.rssEnd.toFixed(0)} MB (${ours.rssStart.toFixed(0)} MB before the uploads)`);
      console.log(`  job process tree (sum of VmRSS of every descendant, sampled every 250 ms, ${ours.memory.samples} samples): ${ours.memory.treePeakMb.toFixed(0)} MB`);
      const byName = new Map<string, number>();
      for (const seen of ours.memory.processes) byName.set(seen.name, Math.max(byName.get(seen.name) ?? 0, seen.peakMb));
      console.log(`  largest VmHWM by process name: ${[...byName].map(([name, peak]) => `${name} ${peak.toFixed(0)} MB`).join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
