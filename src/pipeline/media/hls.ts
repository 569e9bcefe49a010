import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runTool } from '../../media/run-tool.js';
import { mediaError } from './errors.js';
import { avc1Codec, hasIdrSlice, spsOf } from './h264.js';
import { type HlsRendition, type HlsSegment, bitRates, masterPlaylist, mediaPlaylist, parseFfmpegPlaylist, subtitlesPlaylist, withTimestampMap } from './hls-playlists.js';
import { bcp47Of } from './languages.js';
import { type PesStart, STREAM_TYPE, TS_PACKET_BYTES, adtsOf, inspectTsSegment } from './mpegts.js';
import { type MediaTools, passLimits, QUIET, fileUrl, input } from './tools.js';

/**
 * mp4 time t becomes MPEG-TS time (10 + t) s exactly: ffmpeg keeps the input
 * timestamps (`-copyts`), adds this offset and the mpegts muxer adds nothing
 * (`mpegts_copyts=1`; by default it adds a 1.4 s mux delay, plus whatever
 * shift makes the earliest DTS zero). 10 s keeps the AAC priming (−21 ms),
 * B-frame DTS (a few frames early) and the PCR, which runs 0.7 s before
 * the DTS, all positive.
 */
export const HLS_PTS_OFFSET_SECONDS = 10;
const MPEGTS_HZ = 90_000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_VTT_BYTES = 16 * 1024 * 1024;

export interface HlsOptions {
  /** An MP4 with H.264 video and AAC audio: the dub first, the original second when `languages.original` is given. */
  readonly input: string;
  readonly subtitlesVtt?: string;
  /** Where the package's files go, side by side, and nothing else of ours. */
  readonly outputDir: string;
  /** The stem of every file name (`hls` → `hls.m3u8`, `hls-video.ts`…). */
  readonly name?: string;
  /** The input's duration: the source's (`runtime.source.durationMs`), which export and encodeMobile keep. */
  readonly durationMs: number;
  /**
   * BCP 47 or MP4 (ISO 639-2) tags. `original` is present exactly when the
   * input has the original as its second audio track; pass `und` when its
   * language is unknown. The subtitles are taken to be in the dub's language.
   */
  readonly languages: { readonly dub: string; readonly original?: string };
  /** Target segment length (default 6): ffmpeg cuts at the first video keyframe at or after each multiple. */
  readonly segmentSeconds?: number;
}

export interface HlsFile {
  readonly name: string;
  readonly path: string;
}

export interface HlsResult {
  /** The master playlist's file name, written last. */
  readonly master: string;
  readonly files: readonly HlsFile[];
  /** Video segments. */
  readonly segments: number;
  /** As the master states them: read from the stream's SPS and ADTS headers and the real sizes. */
  readonly variant: { readonly codecs: readonly string[]; readonly width: number; readonly height: number; readonly bandwidth: number; readonly averageBandwidth: number };
  /** The ffmpeg run alone, and the whole call (ffmpeg, joining and checking segments, playlists). */
  readonly timing: { readonly ffmpegMs: number; readonly totalMs: number };
}

type Kind = 'video' | 'dub' | 'original';

/** Every file name of a package with stem `name`; all flat and within `^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`. */
export function hlsNames(name = 'hls') {
  const names = {
    master: `${name}.m3u8`,
    video: { playlist: `${name}-video.m3u8`, media: `${name}-video.ts` },
    dub: { playlist: `${name}-dub.m3u8`, media: `${name}-dub.ts` },
    original: { playlist: `${name}-original.m3u8`, media: `${name}-original.ts` },
    subtitles: { playlist: `${name}-subtitles.m3u8`, media: `${name}-subtitles.vtt` },
  };
  if (!NAME.test(names.subtitles.playlist)) throw new RangeError('the HLS name must be letters, digits, ".", "_" or "-", starting with a letter or digit');
  return names;
}

/** Where `packageHls` has ffmpeg write: the video straight into the package, the audio segments and every playlist aside. */
export interface HlsFfmpegPaths {
  readonly input: string;
  /** The video's single media file, in the package. */
  readonly videoFile: string;
  /** A private directory for ffmpeg's playlists and the audio segments; deleted afterwards. */
  readonly scratchDir: string;
  readonly withOriginal: boolean;
  readonly segmentSeconds?: number;
}

/**
 * The one ffmpeg command of `packageHls`, for a benchmark that runs it alone.
 * One process reads the input once and feeds two hls muxers, streams copied:
 * the video as one file with byte ranges (`single_file`), and the audio
 * renditions (`var_stream_map`) as a file per segment, which `packageHls`
 * joins. Not `single_file` for the audio: in this ffmpeg (2018) that mode
 * writes the PAT/PMT only at the start of the file, so a player that seeks
 * into an audio-only range finds no stream; the video escapes this because
 * the mpegts muxer repeats the tables before every keyframe.
 */
export function hlsFfmpegArgs(paths: HlsFfmpegPaths): string[] {
  // ffmpeg expands %-patterns in the whole path, not only in our %v and %05d.
  if (paths.scratchDir.includes('%') || paths.videoFile.includes('%')) throw new RangeError('HLS paths must not contain "%"');
  const segmentSeconds = paths.segmentSeconds ?? 6;
  if (!Number.isFinite(segmentSeconds) || segmentSeconds < 1 || segmentSeconds > 30) throw new RangeError('segmentSeconds must be from 1 to 30');
  const hls = [
    '-c', 'copy', '-output_ts_offset', String(HLS_PTS_OFFSET_SECONDS),
    '-f', 'hls', '-hls_ts_options', 'mpegts_copyts=1', '-hls_segment_type', 'mpegts',
    '-hls_time', String(segmentSeconds), '-hls_playlist_type', 'vod', '-hls_list_size', '0',
  ];
  return [
    ...QUIET,
    '-copyts', ...input(paths.input),
    '-map', '0:v:0', ...hls, '-hls_flags', 'single_file',
    '-hls_segment_filename', fileUrl(paths.videoFile), '-y', fileUrl(join(paths.scratchDir, 'video.m3u8')),
    '-map', '0:a:0', ...(paths.withOriginal ? ['-map', '0:a:1'] : []), ...hls,
    '-var_stream_map', paths.withOriginal ? 'a:0 a:1' : 'a:0',
    '-hls_segment_filename', fileUrl(join(paths.scratchDir, 'seg-%v-%05d.ts')), '-y', fileUrl(join(paths.scratchDir, 'audio-%v.m3u8')),
  ];
}

/** Checks that a segment opens as `kind` must for a player to start there: an H.264 IDR frame, or AAC in ADTS. */
function checkStart(kind: Kind, index: number, streams: readonly PesStart[]): PesStart {
  const [stream] = streams;
  const wanted = kind === 'video' ? STREAM_TYPE.h264 : STREAM_TYPE.aacAdts;
  const opens = stream && streams.length === 1 && stream.streamType === wanted && (kind === 'video' ? hasIdrSlice(stream.payload) : adtsOf(stream.payload) !== undefined);
  if (!opens) throw mediaError('hls_segment_invalid', `${kind} segment ${index} does not open with ${kind === 'video' ? 'an H.264 keyframe' : 'AAC'}`);
  return stream;
}

/** Enough of a range's start for its tables and the SPS and first slice of its keyframe. */
const VIDEO_PREFIX_BYTES = 512 * TS_PACKET_BYTES;

/**
 * The video ffmpeg wrote as one file: its ranges must tile the file exactly,
 * in whole packets, each opening with the tables and a keyframe. Only each
 * range's start is read, so the big file is not read through again.
 */
async function checkVideo(playlist: string, file: string): Promise<{ segments: HlsSegment[]; first: PesStart }> {
  const listed = parseFfmpegPlaylist(await readFile(playlist, 'utf8'));
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const segments: HlsSegment[] = [];
    let first: PesStart | undefined;
    let offset = 0;
    for (const [index, entry] of listed.entries()) {
      const range = entry.range;
      if (basename(entry.uri) !== basename(file) || !range || range.offset !== offset || range.length % TS_PACKET_BYTES !== 0) throw mediaError('hls_playlist_unreadable', `video range ${index}`);
      const prefix = Buffer.alloc(Math.min(range.length, VIDEO_PREFIX_BYTES));
      const { bytesRead } = await handle.read(prefix, 0, prefix.length, range.offset);
      if (bytesRead !== prefix.length) throw mediaError('hls_segment_invalid', `video range ${index} is past the end of the file`);
      const start = checkStart('video', index, inspectTsSegment(prefix));
      first ??= start;
      segments.push({ durationSeconds: entry.durationSeconds, offset: range.offset, length: range.length });
      offset += range.length;
    }
    if (offset !== size) throw mediaError('hls_playlist_unreadable', `the video ranges cover ${offset} of ${size} bytes`);
    return { segments, first: first! };
  } finally {
    await handle.close();
  }
}

/**
 * Appends one audio rendition's segments, in playlist order, to its single
 * file, checking each whole; the byte ranges come from the real sizes.
 */
async function joinAudio(scratchDir: string, variant: number, kind: Kind, target: string): Promise<{ segments: HlsSegment[]; first: PesStart }> {
  const listed = parseFfmpegPlaylist(await readFile(join(scratchDir, `audio-${variant}.m3u8`), 'utf8'));
  const segments: HlsSegment[] = [];
  let first: PesStart | undefined;
  let offset = 0;
  const file = await open(target, 'w');
  try {
    for (const [index, entry] of listed.entries()) {
      const expected = `seg-${variant}-${String(index).padStart(5, '0')}.ts`;
      if (basename(entry.uri) !== expected) throw mediaError('hls_playlist_unreadable', `segment ${index} of ${kind} is not ${expected}`);
      const data = await readFile(join(scratchDir, expected));
      const start = checkStart(kind, index, inspectTsSegment(data));
      first ??= start;
      // write() may take less than the whole buffer; positions make each call exact.
      for (let done = 0; done < data.length; ) done += (await file.write(data, done, data.length - done, offset + done)).bytesWritten;
      segments.push({ durationSeconds: entry.durationSeconds, offset, length: data.length });
      offset += data.length;
    }
  } finally {
    await file.close();
  }
  return { segments, first: first! };
}

/**
 * An HLS VOD package of `input` in `outputDir`: one MPEG-TS file per
 * rendition (video, dub, original) addressed by byte ranges, so the package
 * is a handful of flat files served with HTTP Range; media playlists, the
 * subtitles as WebVTT, and a master playlist written here. Streams are
 * copied: the input should be `mobile.mp4` (keyframes every 2 s), or a
 * `dubbed.mp4` that `mobileFitness` passed, whose segments then follow the
 * source's keyframes. Needs only ffmpeg, so it runs in the job process: the
 * codec string and resolution are read from the stream itself.
 */
export async function packageHls(tools: Pick<MediaTools, 'ffmpeg'>, options: HlsOptions): Promise<HlsResult> {
  const started = performance.now();
  const names = hlsNames(options.name);
  const withOriginal = options.languages.original !== undefined;
  // A master from an earlier run goes first, so that a master on disk always means a whole package.
  await rm(join(options.outputDir, names.master), { force: true });
  const scratchDir = await mkdtemp(join(options.outputDir, '.hls-'));
  try {
    const videoFile = join(options.outputDir, names.video.media);
    const args = hlsFfmpegArgs({ input: options.input, videoFile, scratchDir, withOriginal, segmentSeconds: options.segmentSeconds });
    const ffmpegStarted = performance.now();
    await runTool(tools.ffmpeg, args, passLimits(options.durationMs));
    const ffmpegMs = performance.now() - ffmpegStarted;

    const files: HlsFile[] = [];
    const written = async (name: string, content?: string) => {
      const path = join(options.outputDir, name);
      if (content !== undefined) await writeFile(path, content, 'utf8');
      files.push({ name, path });
    };
    const renditions: Array<{ kind: Kind; segments: HlsSegment[]; first: PesStart }> = [{ kind: 'video', ...(await checkVideo(join(scratchDir, 'video.m3u8'), videoFile)) }];
    const audioKinds: Kind[] = withOriginal ? ['dub', 'original'] : ['dub'];
    // The renditions are joined side by side: each is reads and writes of its own file.
    const joined = await Promise.all(audioKinds.map((kind, variant) => joinAudio(scratchDir, variant, kind, join(options.outputDir, names[kind].media))));
    audioKinds.forEach((kind, index) => renditions.push({ kind, ...joined[index]! }));
    for (const { kind, segments } of renditions) {
      await written(names[kind].media);
      await written(names[kind].playlist, mediaPlaylist(names[kind].media, segments));
    }

    const [video, ...audio] = renditions;
    const sps = spsOf(video!.first.payload);
    if (!sps) throw mediaError('hls_video_unreadable', 'no SPS before the first keyframe');
    const audioCodecs = audio.map((rendition) => `mp4a.40.${adtsOf(rendition.first.payload)!.objectType}`);
    const videoRates = bitRates(video!.segments);
    const audioRates = audio.map((rendition) => bitRates(rendition.segments));
    const dubLanguage = bcp47Of(options.languages.dub);
    const originalLanguage = bcp47Of(options.languages.original);
    const rendition = (kind: 'dub' | 'original', label: string, language: string | undefined): HlsRendition => ({
      uri: names[kind].playlist,
      name: language ? `${label} (${language})` : label,
      language,
      default: kind === 'dub',
    });

    let subtitles: HlsRendition | undefined;
    if (options.subtitlesVtt) {
      if ((await stat(options.subtitlesVtt)).size > MAX_VTT_BYTES) throw mediaError('subtitles_invalid', 'larger than 16 MiB');
      const vtt = withTimestampMap(await readFile(options.subtitlesVtt, 'utf8'), HLS_PTS_OFFSET_SECONDS * MPEGTS_HZ);
      await written(names.subtitles.media, vtt);
      await written(names.subtitles.playlist, subtitlesPlaylist(names.subtitles.media, options.durationMs / 1000));
      subtitles = { uri: names.subtitles.playlist, name: dubLanguage ? `Subtitles (${dubLanguage})` : 'Subtitles', language: dubLanguage, default: false };
    }

    const variant = {
      codecs: [...new Set([avc1Codec(sps), ...audioCodecs])],
      width: sps.width,
      height: sps.height,
      // RFC 8216 §4.3.4.2: the variant's rate with its largest audio rendition.
      bandwidth: videoRates.peak + Math.max(...audioRates.map((rates) => rates.peak)),
      averageBandwidth: videoRates.average + Math.max(...audioRates.map((rates) => rates.average)),
    };
    const master = masterPlaylist({
      video: { uri: names.video.playlist, ...variant },
      audio: [rendition('dub', 'Dub', dubLanguage), ...(withOriginal ? [rendition('original', 'Original', originalLanguage)] : [])],
      subtitles,
    });
    // Last: a master on disk means the rest of the package is complete.
    await written(names.master, master);
    return { master: names.master, files, segments: video!.segments.length, variant, timing: { ffmpegMs, totalMs: performance.now() - started } };
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}
