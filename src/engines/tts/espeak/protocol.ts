/**
 * The wire between the offline-voice client (offline-voice.ts, in a job's
 * process) and the voice program (voice-process.ts, its child). Shared here
 * so both ends agree on names and limits; the full protocol is documented at
 * the top of voice-process.ts. Nothing here touches espeak-ng.
 */

/** Longest request or answer line, in bytes; a longer one is a broken peer. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * Longest text one request may carry, in UTF-16 code units. A subtitle cue is
 * a few hundred at most; the cap keeps one request's audio and time bounded.
 */
export const MAX_TEXT_CHARS = 2_000;

/**
 * Longest audio one request may produce. espeak-ng would otherwise honour a
 * pause as long as the text asks for; the program stops synthesis past this.
 */
export const MAX_AUDIO_SECONDS = 600;

/** espeak-ng's speaking rate in words per minute: its default and its bounds (espeakRATE_MINIMUM, espeakRATE_MAXIMUM). */
export const DEFAULT_RATE_WPM = 175;
export const MIN_RATE_WPM = 80;
export const MAX_RATE_WPM = 450;

/** The error codes the voice program answers with. */
export const VOICE_ERROR_CODES = ['unknown_voice', 'bad_request', 'synthesis_failed'] as const;
export type VoiceErrorCode = (typeof VOICE_ERROR_CODES)[number];

export interface SynthesizeRequest {
  readonly id: number;
  readonly op: 'synthesize';
  readonly text: string;
  readonly voice: string;
  readonly rate?: number;
  /** A file name relative to the program's working directory; created, never overwritten. */
  readonly out: string;
}

export interface VoicesRequest {
  readonly id: number;
  readonly op: 'voices';
}

export type VoiceRequest = SynthesizeRequest | VoicesRequest;

/**
 * One espeak-ng voice: `id` is what a synthesize request names. `languages`
 * are the lower-case BCP 47-like tags it speaks, best first, each with
 * espeak-ng's priority (smaller is a better match, comparable across voices).
 */
export interface VoiceInfo {
  readonly id: string;
  readonly name: string;
  readonly languages: readonly { readonly tag: string; readonly priority: number }[];
}

export interface SynthesisResult {
  readonly samples: number;
  readonly sampleRate: number;
  readonly durationMs: number;
}

export type VoiceAnswer =
  | ({ readonly id: number; readonly ok: true } & SynthesisResult)
  | { readonly id: number; readonly ok: true; readonly voices: readonly VoiceInfo[] }
  | { readonly id: number | null; readonly ok: false; readonly code: VoiceErrorCode; readonly message: string };
