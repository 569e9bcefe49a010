import type { EngineClient } from '../engine-http.js';
import { PROBE, probe } from '../health.js';
import type { AsrEngine, TranscribeRequest } from '../types.js';
import { transcriptFrom, VerboseJson } from './segments.js';

/**
 * whisper.cpp's own server: `POST /inference` (multipart; one loaded model, so
 * no `model` field), `GET /health` → 200, or 503 while the model loads.
 */
export function createWhisperCppAsr(client: EngineClient): AsrEngine {
  return {
    kind: 'asr',
    name: 'whisper-cpp',
    async transcribe(request: TranscribeRequest, options = {}) {
      const form = new FormData();
      form.set('file', new Blob([request.audio], { type: 'audio/wav' }), 'audio.wav');
      form.set('response_format', 'verbose_json');
      // Its default is English: "auto" asks it to detect.
      form.set('language', request.language ?? 'auto');
      if (request.prompt) form.set('prompt', request.prompt);
      const reply = await client.json({ path: '/inference', form, signal: options.signal }, VerboseJson);
      return transcriptFrom(client.label, reply, request.audio);
    },
    health: (options = {}) =>
      probe(async () => {
        await client.request({ path: '/health', ...PROBE, signal: options.signal });
        return { answers: true };
      }),
  };
}
