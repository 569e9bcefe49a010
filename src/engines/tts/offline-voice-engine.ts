import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isOfflineVoiceInstalled, startOfflineVoice } from './espeak/offline-voice.js';
import type { TtsEngine } from '../types.js';

/**
 * The offline voice (espeak-ng) as the server sees it: installed or not, its
 * voices, and a synthesis for a preview. Every call starts the voice program
 * in a process of its own (GPL-3.0: never loaded into the server) inside a
 * scratch directory under the data dir, removed afterwards.
 */
export function createOfflineVoiceEngine(options: { scratchRoot: string; defaultVoice?: string }): TtsEngine {
  async function withVoice<T>(work: (voice: ReturnType<typeof startOfflineVoice>, dir: string) => Promise<T>): Promise<T> {
    const dir = join(options.scratchRoot, `voice-${randomBytes(6).toString('hex')}`);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const voice = startOfflineVoice({ cwd: dir });
    try {
      return await work(voice, dir);
    } finally {
      await voice.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  let voices: Promise<Array<{ id: string; name: string }>> | undefined;

  return {
    kind: 'tts',
    name: 'espeak',
    defaultVoice: options.defaultVoice,
    synthesize: (request) => withVoice(async (voice, dir) => {
      await voice.synthesize(request.text, request.voice, 'preview.wav');
      return new Uint8Array(await readFile(join(dir, 'preview.wav')));
    }),
    voices() {
      voices ??= withVoice(async (voice) => (await voice.voices()).map((entry) => ({ id: entry.id, name: entry.name })));
      voices.catch(() => (voices = undefined));
      return voices;
    },
    health: async () => (isOfflineVoiceInstalled() ? { answers: true } : { answers: false, detail: 'the optional package @echogarden/espeak-ng-emscripten is not installed' }),
  };
}
