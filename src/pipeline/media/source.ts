import { runTool } from '../../media/run-tool.js';
import type { LocatedTool } from '../../media/toolchain.js';
import { mediaError } from './errors.js';
import { fileUrl } from './tools.js';

/**
 * What the dub needs to know of its source video: durations, codecs, the first
 * audio's language tag, and what deciding phone fitness needs (`mobile.ts`).
 * The fitness fields are optional: ffprobe leaves out what a stream does not
 * declare, and a runtime probed before they existed lacks them.
 */
export interface SourceStreams {
  readonly durationMs: number;
  readonly video: {
    readonly codec: string;
    /** ffprobe's name: `High`, `Main`, `Constrained Baseline`, `High 4:4:4 Predictive`… */
    readonly profile?: string;
    /** H.264 `level_idc`: 41 for level 4.1. */
    readonly level?: number;
    readonly pixFmt?: string;
    readonly width?: number;
    readonly height?: number;
  };
  readonly audio:
    | {
        readonly codec: string;
        readonly language: string | undefined;
        /** `LC`, `HE-AAC`… for AAC. */
        readonly profile?: string;
        readonly sampleRate?: number;
        readonly channels?: number;
      }
    | undefined;
}

interface ProbedStream {
  codec_type?: unknown;
  codec_name?: unknown;
  profile?: unknown;
  level?: unknown;
  pix_fmt?: unknown;
  width?: unknown;
  height?: unknown;
  sample_rate?: unknown;
  channels?: unknown;
  tags?: { language?: unknown };
}

const ENTRIES = 'format=duration:stream=codec_type,codec_name,profile,level,pix_fmt,width,height,sample_rate,channels:stream_tags=language';

/** A positive integer as ffprobe prints it (a number, or a string for `sample_rate`); anything else is unknown. */
function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value !== 'unknown' ? value : undefined;
}

/**
 * One ffprobe run over headers. Only the first video and first audio stream
 * count: that is what extract and export map (`0:v:0`, `0:a:0`).
 */
export async function probeSource(ffprobe: LocatedTool, path: string): Promise<SourceStreams> {
  const args = ['-v', 'error', '-protocol_whitelist', 'file', '-print_format', 'json', '-show_entries', ENTRIES, fileUrl(path)];
  const { stdout } = await runTool(ffprobe, args, { timeoutMs: 30_000, maxOutputBytes: 1024 * 1024, memoryBytes: 1024 * 1024 * 1024, cpuSeconds: 30 });
  const parsed = JSON.parse(stdout.toString('utf8')) as { format?: { duration?: unknown }; streams?: ProbedStream[] };
  const seconds = Number(parsed.format?.duration);
  const streams = parsed.streams ?? [];
  const video = streams.find((stream) => stream.codec_type === 'video');
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  if (!video || !Number.isFinite(seconds) || seconds <= 0) throw mediaError('source_unreadable', 'no video stream or no duration');
  const language = audio?.tags?.language;
  return {
    durationMs: seconds * 1000,
    video: {
      codec: String(video.codec_name ?? 'unknown'),
      profile: text(video.profile),
      level: count(video.level),
      pixFmt: text(video.pix_fmt),
      width: count(video.width),
      height: count(video.height),
    },
    audio: audio && {
      codec: String(audio.codec_name ?? 'unknown'),
      language: typeof language === 'string' ? language : undefined,
      profile: text(audio.profile),
      sampleRate: count(audio.sample_rate),
      channels: count(audio.channels),
    },
  };
}
