import { runTool } from '../../media/run-tool.js';
import type { LocatedTool } from '../../media/toolchain.js';
import { mediaError } from './errors.js';
import { fileUrl } from './tools.js';

/** What the dub needs to know of its source video: durations, codecs and the first audio's language tag. */
export interface SourceStreams {
  readonly durationMs: number;
  readonly video: { readonly codec: string };
  readonly audio: { readonly codec: string; readonly language: string | undefined } | undefined;
}

interface ProbedStream {
  codec_type?: unknown;
  codec_name?: unknown;
  tags?: { language?: unknown };
}

/**
 * One ffprobe run over headers. Only the first video and first audio stream
 * count: that is what extract and export map (`0:v:0`, `0:a:0`).
 */
export async function probeSource(ffprobe: LocatedTool, path: string): Promise<SourceStreams> {
  const args = ['-v', 'error', '-protocol_whitelist', 'file', '-print_format', 'json', '-show_entries', 'format=duration:stream=codec_type,codec_name:stream_tags=language', fileUrl(path)];
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
    video: { codec: String(video.codec_name ?? 'unknown') },
    audio: audio && { codec: String(audio.codec_name ?? 'unknown'), language: typeof language === 'string' ? language : undefined },
  };
}
