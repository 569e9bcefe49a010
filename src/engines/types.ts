/**
 * The engines' interfaces: one per kind, free of HTTP and Fastify, so the job
 * worker calls them on behalf of its sandboxed job processes and tests call
 * them directly. Every method may throw an EngineError (see errors.ts); every
 * value returned has been validated, since an engine's reply is untrusted.
 */

export type EngineKind = 'asr' | 'translate' | 'tts' | 'generate';

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

/** A reference image the graph loads: uploaded first, then named at `graph[node].inputs[input]`. */
export interface ReferenceImage {
  readonly node: string;
  readonly input: string;
  readonly bytes: Uint8Array;
  /** The MIME type sent with the upload (image/png, image/jpeg, image/webp). */
  readonly type: string;
}

export interface GenerateRequest {
  /** A graph in ComfyUI's API format: node id → `{class_type, inputs}`. */
  readonly graph: Readonly<Record<string, unknown>>;
  readonly references?: readonly ReferenceImage[];
}

export interface GenerateProgress {
  /** 0–1 across the node that reports steps (a sampler), when one does. */
  readonly fraction: number;
  readonly node: string | undefined;
}

export interface GenerateCallbacks extends CallOptions {
  onProgress?(progress: GenerateProgress): void;
  /** A live preview the engine sent while sampling (a small JPEG or PNG); not checked, not stored. */
  onPreview?(preview: { readonly mime: string; readonly bytes: Uint8Array }): void;
}

export interface GeneratedFile {
  /** The output node that saved it. */
  readonly node: string;
  /** `video` where ComfyUI lists it so (`gifs`, `animated`); the job checks the bytes either way. */
  readonly kind: 'image' | 'video';
  /** ComfyUI's own name for it: a hint for the extension only, never a path of Sakuga's. */
  readonly filename: string;
  readonly bytes: Uint8Array;
}

export interface GenerateResult {
  readonly promptId: string;
  readonly files: readonly GeneratedFile[];
}

export interface GenerateEngine {
  readonly kind: 'generate';
  readonly name: 'comfyui';
  generate(request: GenerateRequest, options?: GenerateCallbacks): Promise<GenerateResult>;
  /** `GET /object_info`: every node class and its inputs, for checking a template. */
  objectInfo(options?: CallOptions): Promise<ObjectInfo>;
  health(options?: CallOptions): Promise<EngineHealth>;
}

/** ComfyUI's node classes, each with its inputs (`required`, `optional`: name → type and limits). */
export type ObjectInfo = Readonly<Record<string, { readonly input?: Readonly<Record<string, unknown>> }>>;

/** The engines this server has; a kind not configured is undefined. */
export interface Engines {
  readonly asr: AsrEngine | undefined;
  readonly translate: TranslateEngine | undefined;
  readonly tts: TtsEngine | undefined;
  readonly generate: GenerateEngine | undefined;
}
