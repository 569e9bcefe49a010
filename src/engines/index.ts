/**
 * The dubbing engines, as the job worker and the server see them. Import from
 * here; the adapters' files are internal. See README.md.
 */
export type {
  AsrEngine,
  CallOptions,
  EngineHealth,
  EngineKind,
  EngineLanguage,
  Engines,
  EngineVoice,
  SynthesizeRequest,
  TranscribeRequest,
  Transcript,
  TranscriptSegment,
  TranslateEngine,
  TranslateRequest,
  TranslationContext,
  TranslationLine,
  TtsEngine,
} from './types.js';
export { createEngines, type EngineDeps, MAX_RESPONSE_BYTES } from './create-engines.js';
export { EngineError, type EngineErrorCode, engineErrors } from './errors.js';
export { readWav, type WavInfo } from './wav.js';
