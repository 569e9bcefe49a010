import { VOICE_ID } from '../voice-id.js';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { EngineClient } from '../engine-http.js';
import { badResponse, EngineError } from '../errors.js';
import { openAiHealth } from '../health.js';
import type { EngineVoice, SynthesizeRequest, TtsEngine } from '../types.js';
import { canonicalWav, readWav } from '../wav.js';

/** Kokoro-FastAPI's own name; it also answers to tts-1. openedai-speech: tts-1 (Piper) or tts-1-hd (XTTS). */
export const DEFAULT_TTS_MODEL = 'tts-1';
/** What a voice id may look like: Kokoro's blends (`af_bella+af_sky`, `af_bella(2)`) included. */

const VoiceId = Type.String({ pattern: VOICE_ID.source });
// Kokoro-FastAPI has answered both shapes over its releases.
const Voices = Compile(
  Type.Object({
    voices: Type.Array(Type.Union([VoiceId, Type.Object({ id: VoiceId, name: Type.Optional(Type.String({ maxLength: 200 })) })]), { maxItems: 2000 }),
  }),
);

/**
 * `POST /v1/audio/speech` (Kokoro-FastAPI, openedai-speech, LocalAI) asking
 * for a finished WAV file (`stream: false`: Kokoro streams by default); the
 * bytes must be RIFF/WAVE PCM. Voices from `GET /v1/audio/voices` where the
 * engine has it.
 */
export function createOpenAiTts(client: EngineClient, settings: { model?: string | undefined; defaultVoice?: string | undefined }): TtsEngine {
  const model = settings.model ?? DEFAULT_TTS_MODEL;
  return {
    kind: 'tts',
    name: 'openai',
    defaultVoice: settings.defaultVoice,
    async synthesize(request: SynthesizeRequest, options = {}) {
      if (request.speed !== undefined && !(request.speed >= 0.25 && request.speed <= 4)) throw new RangeError('speed must be between 0.25 and 4');
      const json = { model, input: request.text, voice: request.voice, response_format: 'wav', stream: false, ...(request.speed !== undefined && { speed: request.speed }) };
      const reply = await client.request({ path: '/v1/audio/speech', json, accept: 'audio/wav', signal: options.signal });
      const wav = readWav(reply.body);
      if ('problem' in wav) throw badResponse(client.label, `answered audio that is not a PCM WAV file (${wav.problem})`);
      return canonicalWav(reply.body, wav);
    },
    async voices(options = {}): Promise<EngineVoice[]> {
      try {
        const reply = await client.json({ path: '/v1/audio/voices', signal: options.signal }, Voices);
        return reply.voices.map((voice) => (typeof voice === 'string' ? { id: voice } : voice.name === undefined ? { id: voice.id } : { id: voice.id, name: voice.name }));
      } catch (error) {
        // openedai-speech and others have no voice list: none to offer, not a failure.
        if (error instanceof EngineError && error.code === 'engine_rejected' && (error.status === 404 || error.status === 405)) return [];
        throw error;
      }
    },
    health: (options) => openAiHealth(client, options),
  };
}
