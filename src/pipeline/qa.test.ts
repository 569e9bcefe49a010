import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Compile } from 'typebox/compile';
import type { ClipMeasure } from './media/qa-measure.js';
import * as qa from './qa.js';
import { buildQaReport, QA_CHECKS, QA_THRESHOLDS, type QaInput, spokenLength } from './qa.js';
import { QaReport, type QaReportBody } from './qa-schema.js';
import { newSegment, type Segment } from './segments.js';

/** Measurements as astats gives them for real clips (docs/qa.md, calibration). */
const CLEAN: ClipMeasure = { durationMs: 1_800, peakDb: -1.8, rmsDb: -20.8, flatFactor: 0, peakCount: 2 };
const CLIPPED_RUBBERBAND: ClipMeasure = { durationMs: 1_800, peakDb: 0, rmsDb: -11.3, flatFactor: 17.7, peakCount: 1_163 };
const CLIPPED_ATEMPO: ClipMeasure = { durationMs: 1_800, peakDb: 0, rmsDb: -10.3, flatFactor: 5.7, peakCount: 640 };
const FULL_SCALE_TONE: ClipMeasure = { durationMs: 2_000, peakDb: 0, rmsDb: -3, flatFactor: 0, peakCount: 1_200 };
const BAKED_AND_TURNED_DOWN: ClipMeasure = { durationMs: 1_800, peakDb: -6, rmsDb: -12.2, flatFactor: 21.3, peakCount: 11_524 };
/** 1–2 dB over full scale for 7 samples (espeak +3 dB through atempo): a plateau, too brief to hear. */
const BRIEFLY_OVER: ClipMeasure = { durationMs: 1_800, peakDb: 0, rmsDb: -17.8, flatFactor: 5.4, peakCount: 7 };
const SILENT: ClipMeasure = { durationMs: 1_800, peakDb: -Infinity, rmsDb: -Infinity, flatFactor: -Infinity, peakCount: 86_400 };

/** Lines two seconds long, five seconds apart: each may borrow 1.5 s of the gap after it. */
function line(index: number, fields: Partial<Segment> = {}): Segment {
  const startMs = index * 5_000;
  return { ...newSegment(index, { startMs, endMs: startMs + 2_000, sourceText: `Source line number ${index}, long enough.`, targetText: `Target line number ${index}, long enough.` }), tempo: 1, overflowMs: 0, ...fields };
}

function report(segments: Segment[], clips: Array<ClipMeasure | undefined>, change: Partial<QaInput> = {}) {
  return buildQaReport({
    segments,
    clips: new Map(segments.flatMap((segment, index) => (clips[index] ? [[segment.id, clips[index]] as const] : []))),
    programme: { integratedLufs: -16.2, truePeakDbtp: -1.6, loudnessRangeLu: 4 },
    drift: { video: { startMs: 0, endMs: 60_000 }, audio: { startMs: 0, endMs: 60_000 }, driftMs: 0 },
    settings: { maxTempo: 1.35, targetLufs: -16 },
    ...change,
  });
}

const codes = (result: ReturnType<typeof report>) => result.segments.map((segment) => segment.findings.map((item) => item.code));
const checkReport = Compile(QaReport);

describe('the QA report', () => {
  test('a clean set has no findings and matches the schema route declares', () => {
    const segments = [0, 1, 2].map((index) => line(index, { tempo: index === 2 ? 1.15 : 1 }));
    const result = report(segments, [CLEAN, CLEAN, CLEAN]);
    assert.deepEqual(codes(result), [[], [], []]);
    assert.deepEqual([result.overall.failures, result.overall.warnings, result.overall.counts, result.overall.findings], [0, 0, {}, []]);
    assert.deepEqual([result.overall.integrated_lufs, result.overall.max_tempo, result.overall.tempo_cap], [-16.2, 1.15, 1.35]);
    const body: QaReportBody = result;
    assert.ok(checkReport.Check(body), JSON.stringify([...checkReport.Errors(body)]));
  });

  test('an over-long line: a warning past its slot, a failure past 600 ms (overlap and the gap it may borrow both count)', () => {
    const segments = [line(0, { tempo: 1.35, overflowMs: 400 }), line(1), line(2), line(3)];
    // Slots end 1.5 s after each line's end (the gap is 3 s); the third line's next one overlaps it, so it borrows nothing.
    segments[2] = { ...segments[2]!, endMs: segments[2]!.startMs + 2_000 };
    segments[3] = { ...segments[3]!, startMs: segments[2]!.startMs + 1_500, endMs: segments[2]!.startMs + 4_000 };
    const result = report(segments, [{ ...CLEAN, durationMs: 3_900 }, { ...CLEAN, durationMs: 4_300 }, { ...CLEAN, durationMs: 2_300 }, { ...CLEAN, durationMs: 2_500 }]);
    assert.deepEqual(codes(result), [['tempo_capped', 'overflow'], ['overflow_long'], ['overflow'], []]);
    assert.deepEqual(result.segments.map((segment) => segment.overflow_ms), [400, 800, 300, 0]);
    const [overflow] = result.segments[1]!.findings;
    assert.deepEqual([overflow!.severity, overflow!.segment, overflow!.value, overflow!.threshold], ['failure', 's0002', 800, 600]);
  });

  test('the last line is bounded by the end of the video', () => {
    const result = report([line(0)], [{ ...CLEAN, durationMs: 2_300 }], { drift: { video: { startMs: 0, endMs: 2_100 }, audio: { startMs: 0, endMs: 2_100 }, driftMs: 0 } });
    assert.deepEqual([result.segments[0]!.overflow_ms, codes(result)[0]], [200, ['overflow']]);
  });

  test('untranslated: no target, an empty one, or the source again up to case and spacing', () => {
    const segments = [line(0, { targetText: null }), line(1, { targetText: '   ' }), line(2, { sourceText: 'Hello  World\n', targetText: ' hello world' }), line(3)];
    const result = report(segments, [undefined, undefined, CLEAN, CLEAN]);
    assert.deepEqual(result.segments.map((segment) => segment.untranslated), [true, true, true, false]);
    assert.deepEqual(codes(result), [['untranslated'], ['untranslated'], ['untranslated'], []]);
    assert.equal(result.segments[2]!.findings[0]!.severity, 'failure');
  });

  test('clipping from real clips\' statistics: both tempo filters and baked-in clipping flagged, a full-scale tone and 7 samples over not', () => {
    const clips = [CLIPPED_RUBBERBAND, CLIPPED_ATEMPO, BAKED_AND_TURNED_DOWN, FULL_SCALE_TONE, BRIEFLY_OVER, CLEAN];
    const result = report(clips.map((_, index) => line(index)), clips);
    assert.deepEqual(result.segments.map((segment) => segment.clipping), [true, true, true, false, false, false]);
    assert.deepEqual(result.segments[0]!.findings.map((item) => [item.code, item.severity, item.value, item.threshold]), [['clipping', 'failure', 1_163, 10]]);
    assert.deepEqual([result.segments[2]!.findings[0]!.value, result.segments[2]!.findings[0]!.threshold], [21.3, 15]);
  });

  test('a silent clip, a 150 ms clip and a line with words but no clip are failures; silence is not also clipping', () => {
    const result = report([line(0), line(1), line(2)], [SILENT, { ...CLEAN, durationMs: 150 }, undefined]);
    assert.deepEqual(codes(result), [['silent'], ['too_short'], ['clip_missing']]);
    assert.deepEqual([result.segments[0]!.peak_db, result.segments[0]!.rms_db, result.segments[0]!.clipping], [null, null, false]);
    assert.ok(checkReport.Check(result), 'no ±Infinity reaches the JSON');
  });

  test('tempo: above 1.2× a warning, at the cap a warning of its own', () => {
    const result = report([line(0, { tempo: 1.2 }), line(1, { tempo: 1.25 }), line(2, { tempo: 1.35 })], [CLEAN, CLEAN, CLEAN]);
    assert.deepEqual(codes(result), [[], ['tempo_high'], ['tempo_capped']]);
    assert.ok(result.segments.flatMap((segment) => segment.findings).every((item) => item.severity === 'warning'));
  });

  test('length ratio by spoken length: Japanese → English is not a warning, a line doubled or halved is', () => {
    assert.equal(spokenLength('今日はいい天気ですね。'), 4 * 3 + 6 * 2);
    assert.equal(spokenLength('Hello, world!'), 10);
    const ja = '今日の会議は午後三時から始まります。';
    const segments = [
      line(0, { sourceText: ja, targetText: 'Today\'s meeting starts at three in the afternoon.' }),
      line(1, { sourceText: ja, targetText: 'Hey.' }),
      line(2, { sourceText: 'Where are we going today?', targetText: 'Where are we going today, and why on earth did nobody tell me anything at all about it?' }),
      line(3, { sourceText: 'No!', targetText: 'Absolutely not, never!' }),
    ];
    const result = report(segments, [CLEAN, CLEAN, CLEAN, CLEAN]);
    assert.ok(ja.length * 2 < segments[0]!.targetText!.length, 'by raw characters it would be 2× and more');
    assert.deepEqual(codes(result), [[], ['length_ratio'], ['length_ratio'], []]);
    assert.ok(result.segments[0]!.length_ratio! > 0.5 && result.segments[0]!.length_ratio! < 2);
    assert.equal(report([line(0, { sourceText: null })], [CLEAN]).segments[0]!.length_ratio, null);
  });

  test('the programme: drift past 40 ms fails, true peak above −1 dBTP and loudness 2 LU off target warn; counts and totals add up', () => {
    const result = report([line(0, { targetText: null }), line(1, { tempo: 1.3 }), line(2)], [undefined, CLEAN, CLIPPED_ATEMPO], {
      programme: { integratedLufs: -19.5, truePeakDbtp: -0.4, loudnessRangeLu: 6 },
      drift: { video: { startMs: 0, endMs: 60_000 }, audio: { startMs: 41, endMs: 60_041 }, driftMs: 41 },
    });
    assert.deepEqual(result.overall.findings.map((item) => [item.code, item.severity, item.segment]), [['drift', 'failure', null], ['true_peak', 'warning', null], ['loudness_off_target', 'warning', null]]);
    assert.deepEqual(result.overall.counts, { untranslated: 1, tempo_high: 1, clipping: 1, drift: 1, true_peak: 1, loudness_off_target: 1 });
    assert.deepEqual([result.overall.failures, result.overall.warnings], [3, 3]);
    for (const segment of result.segments) for (const item of segment.findings) assert.deepEqual([item.segment, item.severity], [segment.id, QA_CHECKS[item.code]]);
    assert.equal(report([line(0)], [CLEAN], { drift: { video: { startMs: 0, endMs: 60_000 }, audio: { startMs: 40, endMs: 60_040 }, driftMs: 40 } }).overall.failures, 0, '40 ms itself passes');
    assert.ok(checkReport.Check(result));
  });

  test('no loudness target, no loudness finding; thresholds can be overridden', () => {
    const quiet = { programme: { integratedLufs: -30, truePeakDbtp: -10, loudnessRangeLu: 6 } };
    assert.equal(report([line(0)], [CLEAN], { ...quiet, settings: { maxTempo: 1.35 } }).overall.warnings, 0);
    assert.deepEqual(codes(report([line(0, { tempo: 1.1 })], [CLEAN], { thresholds: { tempoAccept: 1.05 } })), [['tempo_high']]);
    assert.equal(QA_THRESHOLDS.tempoAccept, 1.2);
  });

  test('docs/qa.md names every check and every threshold\'s number', () => {
    const docs = readFileSync(new URL('../../docs/qa.md', import.meta.url), 'utf8');
    for (const code of Object.keys(QA_CHECKS)) assert.match(docs, new RegExp(`\`${code}\``), code);
    const constants = Object.entries(qa).filter(([name, value]) => /^[A-Z][A-Z_]+$/.test(name) && typeof value === 'number');
    assert.ok(constants.length >= 15);
    for (const [name, value] of constants) {
      // The thresholds table's row: | `NAME` | value unit | source |
      const row = docs.split('\n').find((text) => text.startsWith(`| \`${name}\` |`));
      assert.ok(row, `${name} has a row in the thresholds table`);
      const cell = row.split('|')[2]!.trim().replace('−', '-');
      assert.equal(Number.parseFloat(cell), value, `${name} = ${String(value)}, docs say ${cell}`);
    }
  });
});
