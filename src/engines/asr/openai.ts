import type { EngineClient } from '../engine-http.js';
import { openAiHealth } from '../health.js';
import type { AsrEngine, TranscribeRequest } from '../types.js';
import { transcriptFrom, VerboseJson } from './segments.js';

/** Whisper's name in the OpenAI API; whisper.cpp ignores the field, speaches and LocalAI want their model id. */
export const DEFAULT_ASR_MODEL = 'whisper-1';

/**
 * `POST /v1/audio/transcriptions` (OpenAI, speaches, LocalAI, whisper.cpp
 * with `--inference-path`): multipart, `verbose_json` with segment times.
 */
export function createOpenAiAsr(client: EngineClient, settings: { model?: string | undefined }): AsrEngine {
  const model = settings.model ?? DEFAULT_ASR_MODEL;
  return {
    kind: 'asr',
    name: 'openai',
    async transcribe(request: TranscribeRequest, options = {}) {
      const form = new FormData();
      form.set('file', new Blob([request.audio], { type: 'audio/wav' }), 'audio.wav');
      form.set('model', model);
      form.set('response_format', 'verbose_json');
      // The literal bracketed key: speaches reads `timestamp_granularities[]`, as OpenAI's SDKs send it.
      form.append('timestamp_granularities[]', 'segment');
      if (request.language) form.set('language', request.language);
      if (request.prompt) form.set('prompt', request.prompt);
      const reply = await client.json({ path: '/v1/audio/transcriptions', form, signal: options.signal }, VerboseJson);
      return transcriptFrom(client.label, reply, request.audio);
    },
    health: (options) => openAiHealth(client, options),
  };
}
