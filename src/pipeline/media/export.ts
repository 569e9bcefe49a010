import { runTool } from '../../media/run-tool.js';
import { iso639Of } from './languages.js';
import { type SourceStreams, probeSource } from './source.js';
import { type MediaTools, aacEncoding, passLimits, QUIET, fileUrl, input } from './tools.js';

export interface ExportOptions {
  /** The uploaded video. */
  readonly source: string;
  /** The normalised dub mix (48 kHz stereo s16 WAV). */
  readonly mix: string;
  /** The extracted original (48 kHz WAV); encoded as track 2 unless the source's audio is AAC, which is copied. Omit when the source was silent. */
  readonly original?: string;
  /** The translated subtitles as SRT, from `writeSubtitles`. */
  readonly subtitles: string;
  /** BCP 47 tag of the dub's language. */
  readonly targetLanguage: string;
  readonly output: string;
  /** From `probeSource`; probed here when not given. */
  readonly streams?: SourceStreams;
  readonly video?: { readonly preset?: string; readonly crf?: number };
}

export interface ExportResult {
  readonly videoCopied: boolean;
  readonly originalTrack: 'copied' | 'encoded' | 'none';
  readonly durationMs: number;
}

/**
 * `dubbed.mp4` in one ffmpeg pass: the video copied when it is H.264 already
 * (no generation loss, no encode time), else libx264; audio 1 the dub as AAC,
 * default, tagged with the target language; audio 2 the original, not
 * default; the subtitles as a soft mov_text track. The source's container
 * metadata and chapters are dropped (`-map_metadata -1`): they can carry
 * names, locations and the uploader's tooling. `-t` holds the output to the
 * source's duration, and `+faststart` puts the index first so playback can
 * start before the download ends.
 */
export async function exportDubbedVideo(tools: MediaTools, options: ExportOptions): Promise<ExportResult> {
  const streams = options.streams ?? (await probeSource(tools.ffprobe, options.source));
  const videoCopied = streams.video.codec === 'h264';
  const originalTrack = !streams.audio ? 'none' : streams.audio.codec === 'aac' ? 'copied' : options.original ? 'encoded' : 'none';
  const dubLanguage = iso639Of(options.targetLanguage);
  const { preset = 'veryfast', crf = 20 } = options.video ?? {};

  const args = [
    ...QUIET,
    ...input(options.source),
    ...input(options.mix, 'wav'),
    ...input(options.subtitles, 'srt'),
    ...(originalTrack === 'encoded' && options.original ? input(options.original, 'wav') : []),
    '-map', '0:v:0', '-map', '1:a:0',
    ...(originalTrack === 'copied' ? ['-map', '0:a:0'] : originalTrack === 'encoded' ? ['-map', '3:a:0'] : []),
    '-map', '2:s:0',
    // yuv420p needs even dimensions; the scale is a no-op for the usual sizes.
    ...(videoCopied ? ['-c:v', 'copy'] : ['-c:v', 'libx264', '-preset', preset, '-crf', String(crf), '-pix_fmt', 'yuv420p', '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2']),
    ...aacEncoding('a:0'),
    ...(originalTrack === 'copied' ? ['-c:a:1', 'copy'] : originalTrack === 'encoded' ? aacEncoding('a:1') : []),
    '-c:s', 'mov_text',
    '-metadata:s:a:0', `language=${dubLanguage}`, '-disposition:a:0', 'default',
    ...(originalTrack === 'none' ? [] : ['-metadata:s:a:1', `language=${iso639Of(streams.audio?.language)}`, '-disposition:a:1', '0']),
    '-metadata:s:s:0', `language=${dubLanguage}`, '-disposition:s:0', '0',
    '-map_metadata', '-1', '-map_chapters', '-1',
    '-t', (streams.durationMs / 1000).toFixed(3),
    '-movflags', '+faststart',
    '-f', 'mp4', '-y', fileUrl(options.output),
  ];
  await runTool(tools.ffmpeg, args, passLimits(streams.durationMs));
  return { videoCopied, originalTrack, durationMs: streams.durationMs };
}
