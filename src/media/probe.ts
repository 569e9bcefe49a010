import { isAbsolute } from 'node:path';
import { type RunLimits, runTool } from './run-tool.js';
import type { LocatedTool } from './toolchain.js';

export interface MediaStream {
  readonly type: 'video' | 'audio' | 'subtitle' | 'data' | 'attachment' | 'unknown';
  readonly codec: string;
  readonly width?: number;
  readonly height?: number;
  readonly sampleRate?: number;
  readonly channels?: number;
}

export interface MediaInfo {
  /** ffprobe's demuxer names, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  readonly format: string;
  readonly durationSeconds: number | undefined;
  readonly streams: readonly MediaStream[];
}

/** Probing reads headers, not frames: this is plenty, and a hostile file gets no more. */
const PROBE_LIMITS: RunLimits = { timeoutMs: 30_000, maxOutputBytes: 1024 * 1024, memoryBytes: 1024 * 1024 * 1024, cpuSeconds: 30 };
const STREAM_TYPES = new Set(['video', 'audio', 'subtitle', 'data', 'attachment']);

function finite(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/**
 * What ffprobe says a local file is. The file is named with the `file:`
 * protocol and only that protocol is allowed, so neither a name nor a
 * playlist inside the file can make ffprobe open a URL (recent ffprobe builds
 * refuse that on their own too; these options keep an older FFPROBE_PATH
 * binary in line). `formats` limits the demuxers ffprobe may use, so a file
 * is read only as what its kind allows (no playlist or other container
 * hiding behind an .mp4 name).
 */
export async function probeMedia(ffprobe: LocatedTool, file: string, options: { formats?: readonly string[]; limits?: Partial<RunLimits> } = {}): Promise<MediaInfo> {
  if (!isAbsolute(file)) throw new Error('probeMedia needs an absolute path');
  const args = [
    '-v', 'error',
    '-protocol_whitelist', 'file',
    ...(options.formats ? ['-format_whitelist', options.formats.join(',')] : []),
    '-print_format', 'json',
    '-show_format', '-show_streams',
    `file:${file}`,
  ];
  const { stdout } = await runTool(ffprobe, args, { ...PROBE_LIMITS, ...options.limits });
  const parsed = JSON.parse(stdout.toString('utf8')) as { format?: Record<string, unknown>; streams?: Array<Record<string, unknown>> };
  return {
    format: typeof parsed.format?.format_name === 'string' ? parsed.format.format_name : 'unknown',
    durationSeconds: finite(parsed.format?.duration),
    streams: (parsed.streams ?? []).map((stream) => ({
      type: (STREAM_TYPES.has(String(stream.codec_type)) ? stream.codec_type : 'unknown') as MediaStream['type'],
      codec: typeof stream.codec_name === 'string' ? stream.codec_name : 'unknown',
      ...(finite(stream.width) !== undefined && { width: finite(stream.width) }),
      ...(finite(stream.height) !== undefined && { height: finite(stream.height) }),
      ...(finite(stream.sample_rate) !== undefined && { sampleRate: finite(stream.sample_rate) }),
      ...(finite(stream.channels) !== undefined && { channels: finite(stream.channels) }),
    })),
  };
}
