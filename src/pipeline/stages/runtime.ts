import type { SourceStreams } from '../media/source.js';
import type { Segment } from '../segments.js';

/** Dub settings from the server's configuration, the same for every dub it runs. */
export interface DubSettings {
  /** DUB_MAX_TEMPO: the most a line is sped up (1.0–1.5). */
  readonly maxTempo: number;
  /** DUB_DUCK_DB: how far the original is lowered under a dubbed line (negative dB). */
  readonly duckDb: number;
  /** DUB_VOICE_DEFAULT: the voice for lines without one; unset: the target language's. */
  readonly voiceDefault: string | null;
  /** Which voice speaks: the offline one (in the job process) or a TTS engine (through the worker). */
  readonly tts: 'espeak' | 'openai';
  /** DUB_MOBILE_MAX_HEIGHT: the phone video's and HLS's most lines (240–1080). */
  readonly mobileMaxHeight: number;
}

/**
 * What the worker gives a dub's job process beyond its options (child
 * protocol `runtime`): the media tools, the settings, and the segment table
 * as stored (empty on a first run).
 */
export interface DubRuntime {
  readonly tools: { readonly ffmpeg: string };
  /**
   * The source video, probed by the worker: ffprobe's build ships without
   * execute permission for others, so the job's uid could not run it.
   */
  readonly source: SourceStreams;
  readonly settings: DubSettings;
  readonly segments: readonly Segment[];
  /** The job's render number: a re-render starts from the stored segments (edits included), not the work dir's state. */
  readonly render: number;
  /** Each input upload's file name (its extension says how to read it), by upload id. */
  readonly inputNames: Readonly<Record<string, string>>;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The runtime, checked by hand (the job process starts without TypeBox). */
export function dubRuntimeOf(value: unknown): DubRuntime {
  const runtime = value as Partial<DubRuntime> | undefined;
  const settings = runtime?.settings;
  const ok =
    isText(runtime?.tools?.ffmpeg) &&
    typeof runtime.source?.durationMs === 'number' &&
    typeof runtime.source.video?.codec === 'string' &&
    typeof settings?.maxTempo === 'number' &&
    settings.maxTempo >= 1 &&
    settings.maxTempo <= 1.5 &&
    typeof settings.duckDb === 'number' &&
    Number.isInteger(settings.mobileMaxHeight) &&
    (settings.tts === 'espeak' || settings.tts === 'openai') &&
    Array.isArray(runtime.segments) &&
    Number.isSafeInteger(runtime.render) &&
    typeof runtime.inputNames === 'object' &&
    runtime.inputNames !== null;
  if (!ok) throw new TypeError('the dub runtime is malformed');
  return runtime as DubRuntime;
}
