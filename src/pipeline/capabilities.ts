import type { Engines } from '../engines/index.js';
import type { DubCapabilities } from './dub-submission.js';

/** The engines this server gives a dub: the voice is the offline one (when installed) or the configured TTS engine. */
export function dubCapabilities(engines: Engines): DubCapabilities {
  return { asr: engines.asr !== undefined, translate: engines.translate !== undefined, tts: engines.tts !== undefined };
}
