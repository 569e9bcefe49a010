import type { EnginesConfig } from '../config/engine-variables.js';
import type { EngineKind, EngineLanguage, Engines, EngineVoice } from './types.js';

/** What the server knows of one kind of engine; `url`, `apiKeySet` and `detail` are for admins only. */
export interface EngineStatus {
  readonly kind: EngineKind;
  /** The configured engine's name; null when none is. */
  readonly engine: string | null;
  readonly answers: boolean;
  readonly models: readonly string[];
  readonly voices?: readonly EngineVoice[];
  readonly defaultVoice?: string;
  readonly languages?: readonly EngineLanguage[];
  readonly url?: string;
  readonly apiKeySet?: boolean;
  readonly detail?: string;
}

export type EngineStatusReport = Readonly<Record<EngineKind, EngineStatus>>;

export interface EngineStatusDeps {
  readonly config: EnginesConfig;
  readonly engines: Engines;
  /** How long a report is reused: pages poll, and each report probes every engine. */
  readonly cacheMs?: number;
  /** Voice and language lists get this long before they are left out. */
  readonly listTimeoutMs?: number;
  readonly now?: () => number;
}

/**
 * Probes each configured engine (health, then its voices or languages) at
 * most once per `cacheMs`, concurrent callers sharing one probe. Never
 * throws: an engine that fails is reported as not answering.
 */
export function createEngineStatus(deps: EngineStatusDeps) {
  const cacheMs = deps.cacheMs ?? 5_000;
  const listTimeoutMs = deps.listTimeoutMs ?? 3_000;
  const now = deps.now ?? Date.now;
  let cached: { at: number; report: Promise<EngineStatusReport> } | undefined;

  const listed = async <T>(list: (options: { signal: AbortSignal }) => Promise<readonly T[]>): Promise<readonly T[]> => {
    try {
      return await list({ signal: AbortSignal.timeout(listTimeoutMs) });
    } catch {
      return [];
    }
  };

  async function probeAll(): Promise<EngineStatusReport> {
    const { config, engines } = deps;
    const base = (kind: EngineKind, engine: string | null, endpoint: { url: string; apiKey: unknown } | undefined) => ({
      kind,
      engine,
      ...(endpoint && { url: endpoint.url, apiKeySet: endpoint.apiKey !== undefined }),
    });
    const asr = async (): Promise<EngineStatus> => {
      const start = base('asr', config.asr?.engine ?? null, config.asr);
      if (!engines.asr) return { ...start, answers: false, models: [], detail: 'no ASR engine is configured (ASR_ENGINE)' };
      const health = await engines.asr.health();
      return { ...start, answers: health.answers, models: health.models ?? [], ...(health.detail && { detail: health.detail }) };
    };
    const translate = async (): Promise<EngineStatus> => {
      const start = base('translate', config.translate?.engine ?? null, config.translate);
      if (!engines.translate) return { ...start, answers: false, models: [], languages: [], detail: 'no translation engine is configured (TRANSLATE_ENGINE)' };
      const health = await engines.translate.health();
      const languages = health.answers ? await listed((options) => engines.translate!.languages(options)) : [];
      return { ...start, answers: health.answers, models: health.models ?? [], languages, ...(health.detail && { detail: health.detail }) };
    };
    const tts = async (): Promise<EngineStatus> => {
      const start = { ...base('tts', config.tts.engine, config.tts.engine === 'openai' ? config.tts : undefined), ...(config.defaultVoice && { defaultVoice: config.defaultVoice }) };
      if (!engines.tts) return { ...start, answers: false, models: [], voices: [], detail: 'the offline voice (espeak) is not available on this server' };
      const health = await engines.tts.health();
      const voices = health.answers ? await listed((options) => engines.tts!.voices(options)) : [];
      return { ...start, answers: health.answers, models: health.models ?? [], voices, ...(health.detail && { detail: health.detail }) };
    };
    const generate = async (): Promise<EngineStatus> => {
      const start = base('generate', config.generate?.engine ?? null, config.generate && { url: config.generate.url, apiKey: undefined });
      if (!engines.generate) return { ...start, answers: false, models: [], detail: 'no generation engine is configured (GENERATE_ENGINE)' };
      const health = await engines.generate.health();
      return { ...start, answers: health.answers, models: [], ...(health.detail && { detail: health.detail }) };
    };
    const [a, t, s, g] = await Promise.all([asr(), translate(), tts(), generate()]);
    return { asr: a, translate: t, tts: s, generate: g };
  }

  return {
    report(): Promise<EngineStatusReport> {
      if (!cached || now() - cached.at >= cacheMs) cached = { at: now(), report: probeAll() };
      return cached.report;
    },
  };
}

export type EngineStatusService = ReturnType<typeof createEngineStatus>;
