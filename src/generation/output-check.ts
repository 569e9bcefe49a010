import { type MediaInfo, probeMedia } from '../media/probe.js';
import type { LocatedTool } from '../media/toolchain.js';

/** The formats a generation's output may have once its bytes are looked at. */
export type OutputFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'mp4' | 'webm';
export type OutputRejectionCode = 'generation_output_invalid' | 'generation_output_too_large';

/** What each kind of output may be, by file-type's name for the bytes. */
const ACCEPTED: Readonly<Record<'image' | 'video', Readonly<Record<string, OutputFormat>>>> = {
  image: { png: 'png', jpg: 'jpeg', webp: 'webp' },
  // ComfyUI's clips: an animated WebP (SaveAnimatedWEBP), a GIF, or an MP4/WebM (VideoHelperSuite).
  video: { webp: 'webp', gif: 'gif', mp4: 'mp4', mov: 'mp4', m4v: 'mp4', webm: 'webm', mkv: 'webm' },
};
/** The only demuxers ffprobe may read a container output with. */
const DEMUXERS: Partial<Record<OutputFormat, readonly string[]>> = { mp4: ['mov'], webm: ['matroska'] };
const LABEL = { image: 'a PNG, JPEG or WebP image', video: 'an animated WebP, a GIF, an MP4 or a WebM clip' } as const;

/** An output the job must not be given: the stage fails with `code`, nothing is stored. */
export class OutputRejected extends Error {
  constructor(
    readonly code: OutputRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'OutputRejected';
  }
}

export interface CheckedOutput {
  readonly format: OutputFormat;
  /** From ffprobe, for container clips (the job process cannot run ffprobe). */
  readonly width?: number;
  readonly height?: number;
  readonly durationSeconds?: number;
}

/**
 * The worker's look at one output before the job process is told of it:
 * magic bytes (never the engine's file name) must be a format its kind may
 * have, and a container clip must parse with its own demuxer only, hold a
 * video stream and be no longer than MAX_VIDEO_MIN. An engine answering HTML
 * named `.png` fails here. Images are decoded later, in the job's sandbox,
 * under the pixel limit (stages.ts).
 */
export async function checkOutput(path: string, kind: 'image' | 'video', position: number, deps: { ffprobe: () => LocatedTool; maxVideoSeconds: number }): Promise<CheckedOutput> {
  const { fileTypeFromFile } = await import('file-type');
  const sniffed = (await fileTypeFromFile(path))?.ext;
  const format = sniffed === undefined ? undefined : ACCEPTED[kind][sniffed];
  if (!format) throw new OutputRejected('generation_output_invalid', `The engine's output ${position} is not ${LABEL[kind]}.`);
  const demuxers = DEMUXERS[format];
  if (!demuxers) return { format };
  let info: MediaInfo;
  try {
    info = await probeMedia(deps.ffprobe(), path, { formats: demuxers });
  } catch {
    throw new OutputRejected('generation_output_invalid', `The engine's output ${position} is not a readable clip.`);
  }
  const video = info.streams.find((stream) => stream.type === 'video');
  if (!video) throw new OutputRejected('generation_output_invalid', `The engine's output ${position} has no video stream.`);
  if (info.durationSeconds !== undefined && info.durationSeconds > deps.maxVideoSeconds) {
    throw new OutputRejected('generation_output_too_large', `The engine's output ${position} is longer than this server accepts (MAX_VIDEO_MIN).`);
  }
  return { format, ...(video.width && { width: video.width }), ...(video.height && { height: video.height }), ...(info.durationSeconds !== undefined && { durationSeconds: info.durationSeconds }) };
}
