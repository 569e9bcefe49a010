import { mediaError } from './errors.js';

/** One media segment: a byte range of the rendition's single file. */
export interface HlsSegment {
  readonly durationSeconds: number;
  readonly offset: number;
  readonly length: number;
}

export interface HlsRendition {
  readonly uri: string;
  readonly name: string;
  /** BCP 47, already checked (`bcp47Of`); left out of the playlist when unknown. */
  readonly language: string | undefined;
  readonly default: boolean;
}

export interface HlsMaster {
  readonly video: { readonly uri: string; readonly codecs: readonly string[]; readonly width: number; readonly height: number; readonly bandwidth: number; readonly averageBandwidth: number };
  readonly audio: readonly HlsRendition[];
  readonly subtitles?: HlsRendition;
}

/** EXT-X-BYTERANGE needs version 4 (RFC 8216 §7); nothing here needs more, so older players keep working. */
const VERSION = 4;

/** A segment as ffmpeg's playlist lists it: duration, URI and, in `single_file` mode, its byte range. */
export interface ListedSegment {
  readonly durationSeconds: number;
  readonly uri: string;
  readonly range?: { readonly offset: number; readonly length: number };
}

/** The segments of a VOD playlist ffmpeg wrote, in order. */
export function parseFfmpegPlaylist(text: string): ListedSegment[] {
  const entries: ListedSegment[] = [];
  let durationSeconds: number | undefined;
  let range: ListedSegment['range'];
  for (const line of text.split(/\r?\n/)) {
    const extinf = /^#EXTINF:([0-9.]+),/.exec(line);
    const byterange = /^#EXT-X-BYTERANGE:(\d+)@(\d+)$/.exec(line);
    if (extinf) durationSeconds = Number(extinf[1]);
    else if (byterange) range = { length: Number(byterange[1]), offset: Number(byterange[2]) };
    else if (line.trim() !== '' && !line.startsWith('#')) {
      if (durationSeconds === undefined || !Number.isFinite(durationSeconds) || durationSeconds <= 0) throw mediaError('hls_playlist_unreadable', `entry ${entries.length}`);
      entries.push({ durationSeconds, uri: line.trim(), ...(range ? { range } : {}) });
      durationSeconds = undefined;
      range = undefined;
    }
  }
  if (entries.length === 0 || !text.includes('#EXT-X-ENDLIST')) throw mediaError('hls_playlist_unreadable', 'no segments or no end');
  return entries;
}

/** RFC 8216 §4.3.3.1: each EXTINF, rounded to the nearest integer, must not exceed the target. */
function targetDuration(durations: readonly number[]): number {
  return Math.max(1, ...durations.map((seconds) => Math.round(seconds)));
}

/**
 * A VOD media playlist over one file: each segment an EXT-X-BYTERANGE of
 * `uri`, in order and contiguous. INDEPENDENT-SEGMENTS holds because every
 * range was checked to open with its tables and a keyframe (or AAC).
 */
export function mediaPlaylist(uri: string, segments: readonly HlsSegment[]): string {
  const lines = [
    '#EXTM3U',
    `#EXT-X-VERSION:${VERSION}`,
    `#EXT-X-TARGETDURATION:${targetDuration(segments.map((segment) => segment.durationSeconds))}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...segments.flatMap((segment) => [`#EXTINF:${segment.durationSeconds.toFixed(6)},`, `#EXT-X-BYTERANGE:${segment.length}@${segment.offset}`, uri]),
    '#EXT-X-ENDLIST',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The subtitles as one WebVTT segment for the whole duration. A VOD playlist
 * may (the target duration is the playlist's own), hls.js and Safari fetch it
 * once, and even a film's cues are a few hundred KiB. Splitting it would cost
 * either a file per segment or byte ranges on text segments, which players
 * support far less reliably than on media.
 */
export function subtitlesPlaylist(uri: string, durationSeconds: number): string {
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${VERSION}`, `#EXT-X-TARGETDURATION:${targetDuration([durationSeconds])}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', `#EXTINF:${durationSeconds.toFixed(6)},`, uri, '#EXT-X-ENDLIST'];
  return `${lines.join('\n')}\n`;
}

/**
 * The WebVTT with `X-TIMESTAMP-MAP` in its header (RFC 8216 §3.5): cue time
 * 00:00:00.000 is MPEG-TS time `mpegts` (90 kHz). Without it players place
 * cues against the segments' PTS, which does not start at zero. An earlier
 * map in the header is replaced, never doubled.
 */
export function withTimestampMap(vtt: string, mpegts: number): string {
  const text = vtt.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^WEBVTT(?:[ \t][^\n]*)?(?:\n|$)/.test(text)) throw mediaError('subtitles_invalid', 'no WEBVTT signature');
  const headerEnd = text.indexOf('\n\n');
  const header = (headerEnd === -1 ? text.replace(/\n+$/, '') : text.slice(0, headerEnd)).split('\n');
  const body = headerEnd === -1 ? '\n' : text.slice(headerEnd);
  const kept = header.filter((line, index) => index === 0 || !line.startsWith('X-TIMESTAMP-MAP='));
  return [kept[0], `X-TIMESTAMP-MAP=MPEGTS:${mpegts},LOCAL:00:00:00.000`, ...kept.slice(1)].join('\n') + body;
}

/** Peak and average bit rate of a rendition, in bits/s, as RFC 8216 §4.3.4.2 defines BANDWIDTH and AVERAGE-BANDWIDTH. */
export function bitRates(segments: readonly HlsSegment[]): { peak: number; average: number } {
  const seconds = segments.reduce((sum, segment) => sum + segment.durationSeconds, 0);
  const bytes = segments.reduce((sum, segment) => sum + segment.length, 0);
  return { peak: Math.ceil(Math.max(0, ...segments.map((segment) => (segment.length * 8) / segment.durationSeconds))), average: Math.ceil((bytes * 8) / seconds) };
}

function media(type: 'AUDIO' | 'SUBTITLES', group: string, rendition: HlsRendition): string {
  const language = rendition.language ? `,LANGUAGE="${rendition.language}"` : '';
  return `#EXT-X-MEDIA:TYPE=${type},GROUP-ID="${group}",NAME="${rendition.name}"${language},DEFAULT=${rendition.default ? 'YES' : 'NO'},AUTOSELECT=YES,URI="${rendition.uri}"`;
}

/**
 * The master playlist, written here rather than by ffmpeg (whose 2018
 * muxer crashes writing one with `var_stream_map` and names no languages):
 * the audio renditions in one group, the dub first and DEFAULT, the
 * subtitles in their own group, and one variant whose CODECS lists every
 * rendition's codec so a player can tell up front that it can play them.
 */
export function masterPlaylist(master: HlsMaster): string {
  const { video } = master;
  const subtitles = master.subtitles ? `,SUBTITLES="subs"` : '';
  const lines = [
    '#EXTM3U',
    `#EXT-X-VERSION:${VERSION}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...master.audio.map((rendition) => media('AUDIO', 'audio', rendition)),
    ...(master.subtitles ? [media('SUBTITLES', 'subs', master.subtitles)] : []),
    `#EXT-X-STREAM-INF:BANDWIDTH=${video.bandwidth},AVERAGE-BANDWIDTH=${video.averageBandwidth},CODECS="${video.codecs.join(',')}",RESOLUTION=${video.width}x${video.height},AUDIO="audio"${subtitles}`,
    video.uri,
  ];
  return `${lines.join('\n')}\n`;
}
