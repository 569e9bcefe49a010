import { isAbsolute } from 'node:path';
import type { RunLimits } from '../../media/run-tool.js';
import type { LocatedTool } from '../../media/toolchain.js';

/** The binaries a dub's media work needs, found once by the caller with `locateTool`. */
export interface MediaTools {
  readonly ffmpeg: LocatedTool;
  readonly ffprobe: LocatedTool;
}

/**
 * Limits for one ffmpeg pass over `mediaMs` of media: a generous wall clock
 * (a 2-core machine re-encoding 720p runs near real time), 2 GiB of address
 * space (ffmpeg's working set for these passes is far below that) and room
 * for the loudness report on stderr. The caller may tighten any of them.
 */
export function passLimits(mediaMs: number, overrides: Partial<RunLimits> = {}): RunLimits {
  return {
    timeoutMs: 120_000 + Math.ceil(mediaMs * 3),
    maxOutputBytes: 4 * 1024 * 1024,
    memoryBytes: 2048 * 1024 * 1024,
    ...overrides,
  };
}

/**
 * AAC-LC at 160 kb/s for the output audio stream `stream` (`a:0`, `a:1`).
 * Mid/side stereo is off: in the bundled ffmpeg its per-band search is two
 * thirds of the encode (3 minutes of stereo: 11.6 s with it, 3.7 s without,
 * the same SNR against the WAV), and at 160 kb/s left/right coding spends
 * the whole bitrate anyway (with the search on, this encoder undershot it by
 * a third).
 */
export function aacEncoding(stream: string): string[] {
  return [`-c:${stream}`, 'aac', `-b:${stream}`, '160k', `-aac_ms:${stream}`, '0'];
}

/** Options every pass starts with: quiet, no prompts, nothing read from stdin. */
export const QUIET = ['-hide_banner', '-nostdin', '-nostats', '-v', 'error'] as const;

/** The same at info level, for passes whose filters report on stderr (ebur128's summary, astats). */
export const REPORTING = ['-hide_banner', '-nostdin', '-nostats', '-v', 'info'] as const;

/**
 * An input as ffmpeg must see it: an absolute path under the `file:` protocol,
 * with only that protocol allowed, so neither a name starting with `-` or
 * `http:` nor a reference inside the file can reach anything but local files.
 * `format` names the demuxer for files Sakuga wrote itself, so they are never
 * probed as something else.
 */
export function input(path: string, format?: string): string[] {
  return ['-protocol_whitelist', 'file', ...(format ? ['-f', format] : []), '-i', fileUrl(path)];
}

/** An output path, under the `file:` protocol for the same reason. */
export function fileUrl(path: string): string {
  if (!isAbsolute(path)) throw new Error('media paths must be absolute');
  return `file:${path}`;
}
