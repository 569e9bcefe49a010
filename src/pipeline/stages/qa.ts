import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../../jobs/stage-context.js';
import type { LocatedTool } from '../../media/toolchain.js';
import type { DubOptions } from '../dub-options.js';
import { LOUDNESS_TARGETS } from '../media/loudness.js';
import { type ClipMeasure, measureClips, measureDrift, measureProgramme } from '../media/qa-measure.js';
import { buildQaReport } from '../qa.js';
import { dubPaths, loadState } from './dub-state.js';
import type { DubRuntime } from './runtime.js';
import { fittedClipPath } from './voice.js';

/** Measures of fitted clips by the clip's sha256, kept with the clips: a re-render measures only the clips it changed. */
type MeasureCache = Record<string, ClipMeasure>;

/** JSON has no −Infinity (digital silence): it is written as null and read back as such. */
const level = (value: unknown): number => (typeof value === 'number' ? value : -Infinity);

async function loadCache(path: string): Promise<MeasureCache> {
  const text = await readFile(path, 'utf8').catch(() => '{}');
  const parsed = JSON.parse(text) as Record<string, Record<string, number | null>>;
  const cache: MeasureCache = {};
  for (const [sha, measure] of Object.entries(parsed)) {
    if (!/^[0-9a-f]{64}$/.test(sha) || typeof measure?.durationMs !== 'number' || typeof measure.peakCount !== 'number') continue;
    cache[sha] = { durationMs: measure.durationMs, peakCount: measure.peakCount, peakDb: level(measure.peakDb), rmsDb: level(measure.rmsDb), flatFactor: level(measure.flatFactor) };
  }
  return cache;
}

async function saveCache(path: string, cache: MeasureCache): Promise<void> {
  const partial = `${path}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, JSON.stringify(cache), { mode: 0o600 });
  await rename(partial, path);
}

/**
 * qa: what a listener would hear, measured before anyone listens (checks and
 * thresholds in docs/qa.md): each fitted clip through astats (cached by the
 * clip's hash), the dub track of `dubbed.mp4` through ebur128, and the
 * audio's span against the video's. Published as `qa.json`; findings are
 * reported, never fixed silently, and never fail the dub.
 */
export async function qaStage(context: StageContext, options: DubOptions, runtime: DubRuntime): Promise<void> {
  const paths = dubPaths(context.workDir);
  const state = await loadState(context.workDir);
  const ffmpeg: LocatedTool = { tool: 'ffmpeg', path: runtime.tools.ffmpeg, source: 'config' };
  const cache = await loadCache(paths.qaCache);
  const voiced = state.segments.filter((segment) => segment.clip && fittedClipPath(context.workDir, segment));
  const unmeasured = voiced.filter((segment) => !cache[segment.clip!.sha256]);
  const measured = await measureClips(ffmpeg, unmeasured.map((segment) => fittedClipPath(context.workDir, segment)!));
  unmeasured.forEach((segment, index) => (cache[segment.clip!.sha256] = measured[index]!));
  // Only the clips of this render stay cached.
  const current: MeasureCache = Object.fromEntries(voiced.map((segment) => [segment.clip!.sha256, cache[segment.clip!.sha256]!]));
  await saveCache(paths.qaCache, current);
  context.progress(0.4);

  const dubbed = join(paths.exported, 'dubbed.mp4');
  const { durationMs } = state.source;
  const programme = await measureProgramme(ffmpeg, dubbed, { stream: 0, durationMs });
  context.progress(0.7);
  const drift = await measureDrift(ffmpeg, dubbed, { durationMs });
  const report = buildQaReport({
    segments: state.segments,
    clips: new Map(voiced.map((segment) => [segment.id, current[segment.clip!.sha256]!])),
    programme,
    drift,
    settings: { maxTempo: runtime.settings.maxTempo, targetLufs: LOUDNESS_TARGETS[options.loudness ?? 'standard'].i },
  });
  await context.writeArtifact('qa.json', `${JSON.stringify(report, null, 1)}\n`);
  const { failures, warnings, counts } = report.overall;
  context.log(failures > 0 ? 'warn' : 'info', 'checked the dub', { failures, warnings, counts, measured_now: unmeasured.length, measures_kept: voiced.length - unmeasured.length });
}
