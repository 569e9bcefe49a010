/**
 * The engines' interfaces: one per kind, free of HTTP and Fastify, so the job
 * worker calls them on behalf of its sandboxed job processes and tests call
 * them directly. Every method may throw an EngineError (see errors.ts); every
 * value returned has been validated, since an engine's reply is untrusted.
 */

export type EngineKind = 'asr' | 'translate' | 'tts';

/** Per call: the caller's cancellation (a cancelled job). */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** Whether an engine answers now; never throws. */
export interface EngineHealth {
  readonly answers: boolean;
  /** Why not, or what answered; safe to show an admin (no URL, no key). */
  readonly detail?: string;
  /** Models the engine lists, where it lists them. */
  readonly models?: readonly string[];
}

export interface TranscribeRequest {
  /** A WAV file (PCM); what whisper.cpp reads without ffmpeg. */
  readonly audio: Uint8Array;
  /** BCP 47 / ISO 639-1 code of the speech; unset: the engine detects it. */
  readonly language?: string;
  /** Vocabulary and style hint (names, previous line). */
  readonly prompt?: string;
}

export interface TranscriptSegment {
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
}

export interface Transcript {
  /** The language the engine heard, as an ISO 639 code, when it says. */
  readonly language?: string;
  /** In time order, each within the audio, none going backwards. */
  readonly segments: readonly TranscriptSegment[];
}

export interface AsrEngine {
  readonly kind: 'asr';
  readonly name: 'openai' | 'whisper-cpp';
  transcribe(request: TranscribeRequest, options?: CallOptions): Promise<Transcript>;
  health(options?: CallOptions): Promise<EngineHealth>;
}

export interface TranslationLine {
  /** The segment's stable id; the translation comes back under it. */
  readonly id: string;
  readonly text: string;
  /** Characters the line may take to be spoken in its slot; engines that can honour it are told. */
  readonly maxChars?: number;
}

/** What helps a translator beyond the lines themselves. */
export interface TranslationContext {
  /** Lines just before the first one (already translated or not), for continuity. */
  readonly before?: readonly string[];
  /** Lines just after the last one. */
  readonly after?: readonly string[];
  /** Free text: the work, its characters, a glossary. */
  readonly note?: string;
}

export interface TranslateRequest {
  /** Source language code; unset: the engine detects it (where it can). */
  readonly source?: string;
  readonly target: string;
  readonly lines: readonly TranslationLine[];
  readonly context?: TranslationContext;
}

export interface EngineLanguage {
  readonly code: string;
  readonly name?: string;
}

export interface TranslateEngine {
  readonly kind: 'translate';
  readonly name: 'libretranslate' | 'openai' | 'deepl';
  /** Exactly one translation per line id asked. */
  translate(request: TranslateRequest, options?: CallOptions): Promise<Map<string, string>>;
  /** Target languages the engine lists; empty when it does not (a chat model). */
  languages(options?: CallOptions): Promise<readonly EngineLanguage[]>;
  health(options?: CallOptions): Promise<EngineHealth>;
}

export interface SynthesizeRequest {
  readonly text: string;
  readonly voice: string;
  /** 0.25 to 4 (OpenAI's range); unset: the engine's normal speed. */
  readonly speed?: number;
}

export interface EngineVoice {
  readonly id: string;
  readonly name?: string;
}

export interface TtsEngine {
  readonly kind: 'tts';
  readonly name: string;
  /** DUB_VOICE_DEFAULT, when set. */
  readonly defaultVoice: string | undefined;
  /** A RIFF/WAVE file of PCM samples, checked (and its streaming-placeholder sizes repaired). */
  synthesize(request: SynthesizeRequest, options?: CallOptions): Promise<Uint8Array>;
  /** Voices the engine lists; empty when it has no list (openedai-speech). */
  voices(options?: CallOptions): Promise<readonly EngineVoice[]>;
  health(options?: CallOptions): Promise<EngineHealth>;
}

/** The engines this server has; a kind not configured is undefined. */
export interface Engines {
  readonly asr: AsrEngine | undefined;
  readonly translate: TranslateEngine | undefined;
  readonly tts: TtsEngine | undefined;
}
