import { runTool } from '../../media/run-tool.js';
import type { SourceStreams } from './source.js';
import { type MediaTools, aacEncoding, passLimits, QUIET, fileUrl, input } from './tools.js';

/** Why `dubbed.mp4` is not yet what phones should get; each is something `encodeMobile` changes. */
export type MobileUnfitReason = 'video_codec' | 'video_profile' | 'level' | 'pix_fmt' | 'height' | 'audio_profile' | 'audio_sample_rate' | 'audio_channels';

export interface MobileFitness {
  readonly fit: boolean;
  readonly reasons: readonly MobileUnfitReason[];
  /** Every audio track of `dubbed.mp4` is AAC-LC, 48 kHz, stereo already: `encodeMobile` may copy them all (`copyOriginalAudio`). */
  readonly audioFit: boolean;
}

/** H.264 profiles every phone since ~2012 decodes in hardware. */
const PROFILES = new Set(['Constrained Baseline', 'Main', 'High']);
/** Level 4.1 (`level_idc` 41): 1080p30 or 720p60, the ceiling of the hardware decoders of older phones. */
export const MOBILE_LEVEL = 41;
const AUDIO = { profile: 'LC', sampleRate: 48_000, channels: 2 } as const;
const KEYFRAME_SECONDS = 2;

function checkMaxHeight(maxHeight: number): void {
  // Above 1080 lines no frame fits level 4.1 (8192 macroblocks a frame).
  if (!Number.isInteger(maxHeight) || maxHeight < 144 || maxHeight > 1080) throw new RangeError('maxHeight must be an integer from 144 to 1080');
}

/**
 * Whether `dubbed.mp4`, as `exportDubbedVideo` writes it from a source with
 * these streams (the worker's `probeSource`), is already fit for phones, and
 * if not, why. Export copies the video only when it is H.264, so the video
 * rules read the source's; any other codec is re-encoded by export at a level
 * nobody chose, so it is unfit ('video_codec'). The dub track is always fit:
 * export encodes it as AAC-LC from the 48 kHz stereo mix. The original track
 * is fit when export encoded it (from the 48 kHz stereo WAV, for a source
 * whose audio is not AAC) and, when export copied the source's AAC, only if
 * that is LC, 48 kHz and stereo: audio renditions a player switches between
 * should share one format. A field the probe did not report counts as unfit.
 */
export function mobileFitness(streams: SourceStreams, options: { readonly maxHeight: number }): MobileFitness {
  checkMaxHeight(options.maxHeight);
  const reasons: MobileUnfitReason[] = [];
  const { video, audio } = streams;
  if (video.codec !== 'h264') reasons.push('video_codec');
  else {
    if (!video.profile || !PROFILES.has(video.profile)) reasons.push('video_profile');
    if (video.level === undefined || video.level > MOBILE_LEVEL) reasons.push('level');
    if (video.pixFmt !== 'yuv420p') reasons.push('pix_fmt');
    if (video.height === undefined || video.height > options.maxHeight) reasons.push('height');
  }
  const copiedOriginal = audio?.codec === 'aac';
  if (copiedOriginal && audio.profile !== AUDIO.profile) reasons.push('audio_profile');
  if (copiedOriginal && audio.sampleRate !== AUDIO.sampleRate) reasons.push('audio_sample_rate');
  if (copiedOriginal && audio.channels !== AUDIO.channels) reasons.push('audio_channels');
  return { fit: reasons.length === 0, reasons, audioFit: !reasons.some((reason) => reason.startsWith('audio_')) };
}

/**
 * The frame size `encodeMobile` gives a `width`×`height` video, computed as
 * its scale filter does: the height capped at `maxHeight`, the width kept in
 * proportion, both rounded down to even (4:2:0 needs it); never larger.
 * The HLS master's `RESOLUTION` can be checked against it.
 */
export function mobileSize(width: number, height: number, maxHeight = 720): { width: number; height: number } {
  checkMaxHeight(maxHeight);
  const outHeight = Math.trunc(Math.min(height, maxHeight) / 2) * 2;
  return { width: Math.trunc((width * outHeight) / height / 2) * 2, height: outHeight };
}

export interface MobileOptions {
  /** `dubbed.mp4` from `exportDubbedVideo`: its track order and tags are relied on. */
  readonly input: string;
  readonly output: string;
  readonly maxHeight?: number;
  readonly durationMs: number;
  /** An earlier `mobile.mp4` of the same source: its video is copied (a re-render changes only the audio). */
  readonly reuseVideo?: string;
  /** Copy the original track too (`mobileFitness(...).audioFit`); otherwise it is encoded. The dub is always copied. */
  readonly copyOriginalAudio?: boolean;
  readonly video?: { readonly preset?: string; readonly crf?: number };
}

export interface MobileResult {
  readonly videoCopied: boolean;
  readonly originalAudio: 'copied' | 'encoded';
}

/** The ffmpeg arguments of `encodeMobile`, for a benchmark that runs the bare command. */
export function mobileFfmpegArgs(options: MobileOptions): string[] {
  const maxHeight = options.maxHeight ?? 720;
  checkMaxHeight(maxHeight);
  const { preset = 'veryfast', crf = 23 } = options.video ?? {};
  // VBV keeps the peaks a phone on mobile data must fetch (and the HLS
  // BANDWIDTH) bounded: about 4.3 Mb/s at 720p, far under level 4.1's 50.
  const maxrate = maxHeight * 6;
  const video = options.reuseVideo
    ? ['-c:v', 'copy']
    : [
        '-c:v', 'libx264', '-preset', preset, '-crf', String(crf), '-profile:v', 'high', '-level:v', '4.1', '-pix_fmt', 'yuv420p',
        '-maxrate', `${maxrate}k`, '-bufsize', `${maxrate * 2}k`,
        // Height capped, width in proportion (oh is the output height), both even; a no-op below the cap.
        '-vf', `scale=w=trunc(iw*oh/ih/2)*2:h=trunc(min(ih\\,${maxHeight})/2)*2`,
        // A keyframe every 2 s, so HLS can cut ~6 s segments exactly; x264 may add more at scene cuts.
        '-force_key_frames', `expr:gte(t,n_forced*${KEYFRAME_SECONDS})`,
      ];
  return [
    ...QUIET,
    ...input(options.input),
    ...(options.reuseVideo ? input(options.reuseVideo) : []),
    '-map', options.reuseVideo ? '1:v:0' : '0:v:0', '-map', '0:a', '-map', '0:s?',
    ...video,
    // The dub is AAC-LC 48 kHz stereo from export already: copying it saves an encode and a generation.
    '-c:a', 'copy',
    ...(options.copyOriginalAudio ? [] : [...aacEncoding('a:1'), '-ar:a:1', String(AUDIO.sampleRate), '-ac:a:1', String(AUDIO.channels)]),
    '-c:s', 'copy',
    // Per-stream options that match no stream (no original, no subtitles) are ignored by ffmpeg.
    '-disposition:a:0', 'default', '-disposition:a:1', '0', '-disposition:s:0', '0',
    // Global metadata and chapters dropped; the stream tags (languages) are the ones export wrote, so
    // they are kept: `-map_metadata -1` would drop those too, and naming them per stream fails when a
    // track is absent.
    '-map_metadata:g', '-1', '-map_chapters', '-1',
    '-t', (options.durationMs / 1000).toFixed(3),
    '-movflags', '+faststart',
    '-f', 'mp4', '-y', fileUrl(options.output),
  ];
}

/**
 * `mobile.mp4` from `dubbed.mp4` in one ffmpeg pass: H.264 High at level 4.1,
 * yuv420p, at most `maxHeight` (720) lines, a keyframe every 2 s; every audio
 * track AAC-LC 48 kHz stereo, the dub first and default; the mov_text
 * subtitles kept; the index first (`+faststart`). With `reuseVideo` the video
 * is copied from that file instead of encoded, which turns an audio-only
 * re-render into a remux. Needs only ffmpeg, so it runs in the job process.
 */
export async function encodeMobile(tools: Pick<MediaTools, 'ffmpeg'>, options: MobileOptions): Promise<MobileResult> {
  await runTool(tools.ffmpeg, mobileFfmpegArgs(options), passLimits(options.durationMs));
  return { videoCopied: options.reuseVideo !== undefined, originalAudio: options.copyOriginalAudio ? 'copied' : 'encoded' };
}
