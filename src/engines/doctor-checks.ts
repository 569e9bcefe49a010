import type { EnginesConfig } from '../config/engine-variables.js';
import type { CheckResult } from '../ops/doctor.js';
import { createEngines, type EngineDeps } from './create-engines.js';
import { isOfflineVoiceInstalled } from './tts/espeak/offline-voice.js';
import type { EngineKind } from './types.js';

const NAMES: Readonly<Record<EngineKind, string>> = { asr: 'ASR engine', translate: 'translation engine', tts: 'TTS engine', generate: 'generation engine' };

/**
 * `sakuga doctor`: whether each configured engine answers now. Kinds not
 * configured are reported as such (a dub needing them is refused); for the
 * offline voice (espeak), whether it is installed.
 */
export async function checkEngines(config: EnginesConfig, deps: Pick<EngineDeps, 'fetch'> = {}): Promise<CheckResult[]> {
  const engines = createEngines(config, deps);
  const results: CheckResult[] = [];
  for (const kind of ['asr', 'translate', 'tts', 'generate'] as const) {
    const engine = engines[kind];
    const configured = kind === 'tts' ? (config.tts.engine === 'openai' ? config.tts : undefined) : config[kind];
    if (kind === 'tts' && config.tts.engine === 'espeak') {
      results.push(
        isOfflineVoiceInstalled()
          ? { name: 'voice', status: 'ok', detail: 'the offline voice (espeak-ng) is installed' }
          : { name: 'voice', status: 'fail', detail: 'the offline voice (@echogarden/espeak-ng-emscripten, an optional dependency) is not installed: run npm ci, or set TTS_ENGINE=openai; dubs are refused' },
      );
      continue;
    }
    if (!engine || !configured) {
      results.push({ name: NAMES[kind], status: 'warn', detail: `not configured (${kind.toUpperCase()}_ENGINE); ${kind === 'generate' ? 'generate jobs are' : 'dubs that need it are'} refused` });
      continue;
    }
    const health = await engine.health();
    // The URL is the operator's own setting, printed to the operator; the parser refused credentials in it.
    const where = `${configured.engine} at ${configured.url}`;
    const models = health.models && health.models.length > 0 ? `; models: ${health.models.slice(0, 5).join(', ')}${health.models.length > 5 ? ', …' : ''}` : '';
    results.push(
      health.answers
        ? { name: NAMES[kind], status: 'ok', detail: `${where} answers${health.detail ? ` (${health.detail})` : ''}${models}` }
        : { name: NAMES[kind], status: 'fail', detail: `${where} does not answer: ${health.detail ?? 'no reason given'}` },
    );
  }
  return results;
}
