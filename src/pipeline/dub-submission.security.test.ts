import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { insertTestFile, submitJob } from '../../test/helpers/jobs.js';

/** What upload validation records for a 60-second video, with or without sound. */
const VIDEO_MEDIA = (audio: boolean) => ({
  format: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSeconds: 60,
  streams: [{ type: 'video', codec: 'h264', width: 1280, height: 720 }, ...(audio ? [{ type: 'audio', codec: 'aac', sampleRate: 48_000, channels: 2 }] : [])],
});

const srtTime = (ms: number) => {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
};
/** An SRT file from [start ms, end ms, text] cues. */
const srt = (cues: Array<[number, number, string]>) => cues.map(([start, end, text], index) => `${index + 1}\n${srtTime(start)} --> ${srtTime(end)}\n${text}\n`).join('\n');
const GOOD_CUES: Array<[number, number, string]> = [
  [1_000, 3_000, 'Good morning, Mika.'],
  [4_000, 6_500, 'Is the sketch done?'],
  [8_000, 9_000, 'Almost.'],
];

describe('dub submission: imports are checked against the video, every problem a 4xx with its own code', () => {
  let t: TestApp;
  let token: string;
  let userId: string;
  let video: string;
  let silentVideo: string;
  before(async () => {
    t = await createTestApp();
    userId = (await createUser(t, 'kaito', 'operator')).id;
    token = (await loginWithToken(t, 'kaito')).access_token;
    video = await insertTestFile(t, userId, 'video', 'clip.mp4', 'not read at submission', VIDEO_MEDIA(true));
    silentVideo = await insertTestFile(t, userId, 'video', 'mute.mp4', 'not read at submission', VIDEO_MEDIA(false));
  });
  after(() => t.close());

  const subtitles = (text: string | Uint8Array, filename = 'lines.srt') => insertTestFile(t, userId, 'subtitles', filename, text);
  const data = (value: unknown) => insertTestFile(t, userId, 'data', 'doc.json', typeof value === 'string' ? value : JSON.stringify(value));
  const dub = (options: object) => submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', ...options } });

  async function refused(options: object, code: string, status = 422) {
    const response = await dub(options);
    assert.equal(response.statusCode, status, response.body);
    assert.equal(response.json().error.code, code, response.body);
    return response.json().error.message as string;
  }

  test('translated subtitles: accepted, transcribe and translate shown as skipped', async () => {
    const response = await dub({ imports: { translated_subtitles: await subtitles(srt(GOOD_CUES)) }, voices: { Mika: 'en-us' } });
    assert.equal(response.statusCode, 201, response.body);
    const stages = response.json().stages as Array<{ name: string; status: string }>;
    assert.deepEqual(stages.map((stage) => stage.name), ['probe', 'extract', 'transcribe', 'translate', 'synthesize', 'fit', 'mix', 'export', 'qa', 'package']);
    assert.deepEqual(stages.filter((stage) => stage.status === 'skipped').map((stage) => stage.name), ['transcribe', 'translate']);
    const again = await t.app.inject({ url: `/api/jobs/${response.json().id}`, headers: bearer(token) });
    assert.deepEqual(again.json().stages, stages);
  });

  test('every import problem has its code, and the message says where without quoting the text', async () => {
    const message = await refused({ imports: { translated_subtitles: await subtitles(srt([...GOOD_CUES, [59_000, 75_000, 'secret line past the end']])) } }, 'import_cue_out_of_range');
    assert.match(message, /cue 4/);
    assert.doesNotMatch(message, /secret line/);
    await refused({ imports: { translated_subtitles: await subtitles(srt([[1_000, 900, 'backwards']])) } }, 'import_cue_out_of_range');
    await refused({ imports: { translated_subtitles: await subtitles(srt([[1_000, 3_000, 'one'], [2_000, 4_000, 'two at once']])) } }, 'import_cues_overlap');
    await refused({ imports: { translated_subtitles: await subtitles(srt([[1_000, 3_000, 'one'], [4_000, 5_000, '<i></i>']])) } }, 'import_cue_empty');
    await refused({ imports: { translated_subtitles: await subtitles(Buffer.from([0x31, 0x0a, 0xff, 0xfe, 0x00])) } }, 'import_unreadable');
    await refused({ imports: { translated_subtitles: await subtitles('1\n00:00:01,000 --> nonsense\nhello\n') } }, 'import_unreadable');
    await refused({ imports: { translated_subtitles: await subtitles('[Script Info]\n[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,hi\n', 'lines.ass') } }, 'import_format_unsupported');
    const many = srt(Array.from({ length: 10_000 }, (_, i): [number, number, string] => [i * 5, i * 5 + 4, `line ${i}`]));
    await refused({ imports: { translated_subtitles: await subtitles(many) } }, 'import_too_many_cues');
    await refused(
      { imports: { source_subtitles: await subtitles(srt(GOOD_CUES)), translated_subtitles: await subtitles(srt(GOOD_CUES.slice(0, 2))) } },
      'import_cues_mismatch',
    );
    await refused({ imports: { segments_json: await data({ version: 1, segments: [{ start_ms: 0, end_ms: 'soon' }] }) } }, 'import_segments_invalid');
    await refused({ imports: { segments_json: await data('{"version": 1, "segments": [') } }, 'import_unreadable');
    await refused(
      { imports: { translated_subtitles: await subtitles(srt(GOOD_CUES)), diarization_json: await data({ turns: [{ speaker: 'A', start: 3, end: 1 }] }) } },
      'import_diarization_invalid',
    );
  });

  test('an import of the wrong kind, or not yours, is refused like any input', async () => {
    await refused({ imports: { translated_subtitles: await data({ version: 1 }) } }, 'input_wrong_kind');
    const other = await createUser(t, 'mika', 'operator');
    const foreign = await insertTestFile(t, other.id, 'subtitles', 'theirs.srt', srt(GOOD_CUES));
    await refused({ imports: { translated_subtitles: foreign } }, 'input_not_found');
  });

  test('a dub that needs an engine this server lacks is refused with a code naming it', async () => {
    await refused({}, 'asr_engine_unavailable');
    await refused({ upload_id: silentVideo }, 'video_has_no_audio');
    await refused({ imports: { source_subtitles: await subtitles(srt(GOOD_CUES)) } }, 'translate_engine_unavailable');
    const partly = await data({ version: 1, segments: [{ start_ms: 1_000, end_ms: 2_000, source_text: 'おはよう', target_text: 'Morning' }, { start_ms: 3_000, end_ms: 4_000, source_text: 'まだ' }] });
    await refused({ imports: { segments_json: partly } }, 'translate_engine_unavailable');
  });

  test('a segments document with every line translated, and a silent video, need no engine', async () => {
    const document = await data({ version: 1, segments: [{ start_ms: 1_000, end_ms: 2_000, target_text: 'Morning', speaker: 'Mika', voice: 'en-gb' }] });
    const response = await dub({ upload_id: silentVideo, imports: { segments_json: document } });
    assert.equal(response.statusCode, 201, response.body);
  });

  test('nothing is made by a refused submission', async () => {
    const jobs = (await t.app.inject({ url: '/api/jobs?type=dub', headers: bearer(token) })).json().jobs as unknown[];
    assert.equal(jobs.length, 2, 'only the two accepted dubs above');
  });
});
