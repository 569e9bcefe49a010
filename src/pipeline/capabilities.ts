import { createRequire } from 'node:module';
import type { Config } from '../config/load.js';
import type { Engines } from '../engines/index.js';
import type { DubCapabilities } from './dub-submission.js';

const OFFLINE_VOICE_PACKAGE = '@echogarden/espeak-ng-emscripten';

/**
 * Whether the offline voice (an optional dependency) is installed: resolved,
 * never imported — it is GPL-3.0 and runs only in its own process.
 */
export function offlineVoiceInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve(OFFLINE_VOICE_PACKAGE);
    return true;
  } catch {
    return false;
  }
}

/** The engines this server's configuration gives a dub. */
export function dubCapabilities(config: Config, engines: Engines): DubCapabilities {
  return {
    asr: engines.asr !== undefined,
    translate: engines.translate !== undefined,
    tts: config.engines.tts.engine === 'espeak' ? offlineVoiceInstalled() : engines.tts !== undefined,
  };
}
