import type { Logger } from 'pino';
import { EngineError, type Engines, readWav, type Transcript } from '../engines/index.js';
import { MAX_LINE_CHARS, MAX_SEGMENTS } from '../pipeline/segments.js';
import type { EngineCall, EngineOutcome } from './engine-protocol.js';
import { MAX_TTS_REPLY_BYTES } from './engine-protocol.js';
import type { GenerateOptions } from '../generation/options.js';
import type { GenerationRunner } from '../generation/worker-run.js';
import { OutputRejected } from '../generation/output-check.js';
import type { PreviewFrame } from '../generation/preview-check.js';

/** How far past the audio's end a segment may reach and be clamped (whisper rounds to its 20 ms frames). */
const END_TOLERANCE_MS = 500;
const LABELS = { asr: 'speech recognition', translate: 'translation', tts: 'speech synthesis', generate: 'generation', generate_read: 'generation' } as const;
/** The engine each call needs. */
const KIND = { asr: 'asr', translate: 'translate', tts: 'tts', generate: 'generate', generate_read: 'generate' } as const;

/** The run a call is made for: a generation is built from the job's own stored options. */
export interface BrokeredRun {
  readonly jobId: string;
  readonly userId: string;
  readonly options: unknown;
  /** The running stage's progress, 0–1, as the engine reports it (a generation's sampling steps). */
  readonly onProgress?: (fraction: number) => void;
  /** A checked preview frame of the running stage (a generation's sampler, where the engine sends them). */
  readonly onPreview?: (frame: PreviewFrame) => void;
}

const bad = (message: string): EngineOutcome => ({ ok: false, code: 'engine_bad_response', message, transient: false });
// Defence in depth: the engine client already scrubs its messages of URLs and keys.
const scrub = (message: string) => message.replace(/\bhttps?:\/\/\S+/gi, '[url]').slice(0, 500);

/**
 * The worker's answer to a job process's engine request: the configured
 * engine called with the worker's keys (they never reach the job), what it
 * answers checked against what the job was promised (segments inside the
 * audio, exactly the line ids asked), and every failure a stable code.
 */
export function createEngineBroker(deps: { engines: Engines; log: Logger; generation?: GenerationRunner }) {
  const { engines } = deps;

  async function call(job: EngineCall, signal: AbortSignal, run: BrokeredRun): Promise<EngineOutcome> {
    switch (job.engine) {
      case 'asr': {
        const wav = readWav(job.request.audio);
        if ('problem' in wav) return { ok: false, code: 'engine_request_invalid', message: 'The audio for speech recognition is not a WAV file.', transient: false };
        return transcriptOutcome(await engines.asr!.transcribe(job.request, { signal }), wav.durationMs);
      }
      case 'translate': {
        // A chat model that misses a line now and then usually answers whole when asked again.
        let translations: Map<string, string>;
        try {
          translations = await engines.translate!.translate(job.request, { signal });
        } catch (error) {
          if (!(error instanceof EngineError) || error.code !== 'engine_bad_response' || signal.aborted) throw error;
          translations = await engines.translate!.translate(job.request, { signal });
        }
        const asked = job.request.lines.map((line) => line.id);
        if (translations.size !== asked.length || !asked.every((id) => translations.has(id))) return bad('The translation engine did not answer each line asked.');
        if ([...translations.values()].some((text) => typeof text !== 'string' || text.length > MAX_LINE_CHARS)) return bad('The translation engine answered a line too long to use.');
        return { ok: true, result: { translations: Object.fromEntries(translations) } };
      }
      case 'tts': {
        const voice = job.request.voice || engines.tts!.defaultVoice;
        if (!voice) return { ok: false, code: 'engine_request_invalid', message: 'No voice is set for the TTS engine (DUB_VOICE_DEFAULT).', transient: false };
        const wav = await engines.tts!.synthesize({ ...job.request, voice }, { signal });
        if (wav.byteLength > MAX_TTS_REPLY_BYTES) return bad('The TTS engine answered a clip too long to use.');
        return { ok: true, result: { wav: Buffer.from(wav).toString('base64') } };
      }
      case 'generate': {
        const generated = await deps.generation!.generate({ id: run.jobId, userId: run.userId, options: run.options as GenerateOptions }, {
          signal,
          ...(run.onProgress && { onProgress: run.onProgress }),
          ...(run.onPreview && { onPreview: run.onPreview }),
        });
        return { ok: true, result: generated };
      }
      case 'generate_read': {
        const data = await deps.generation!.read(run.jobId, job.output, job.offset).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
        if (!data) return { ok: false, code: 'engine_request_invalid', message: 'There is no such output of this generation.', transient: false };
        return { ok: true, result: { data: Buffer.from(data).toString('base64') } };
      }
    }
  }

  return async function brokerEngineCall(job: EngineCall, signal: AbortSignal, run: BrokeredRun): Promise<EngineOutcome> {
    const kind = KIND[job.engine];
    if (!engines[kind] || (kind === 'generate' && !deps.generation)) return { ok: false, code: 'engine_not_configured', message: `This server has no ${LABELS[job.engine]} engine configured.`, transient: false };
    try {
      return await call(job, signal, run);
    } catch (error) {
      if (error instanceof EngineError) return { ok: false, code: error.code, message: scrub(error.message), transient: error.transient };
      if (error instanceof OutputRejected) return { ok: false, code: error.code, message: error.message, transient: false };
      deps.log.error({ err: error, engine: job.engine }, 'an engine call failed unexpectedly');
      return bad(`The ${LABELS[job.engine]} engine answered with something Sakuga cannot use.`);
    }
  };
}

/** The transcript as the job may rely on it: every segment inside the audio, in order, of bounded size. */
function transcriptOutcome(transcript: Transcript, durationMs: number): EngineOutcome {
  const { segments } = transcript;
  if (segments.length > MAX_SEGMENTS) return bad('The speech recognition engine answered more segments than a dub may have.');
  let previousStart = 0;
  for (const segment of segments) {
    if (!(segment.startMs >= previousStart && segment.endMs >= segment.startMs)) return bad('The speech recognition engine answered segments out of order.');
    if (segment.endMs > durationMs + END_TOLERANCE_MS) return bad('The speech recognition engine answered a segment past the end of the audio.');
    if (segment.text.length > MAX_LINE_CHARS) return bad('The speech recognition engine answered a segment too long to use.');
    previousStart = segment.startMs;
  }
  const clamped = segments.map((segment) => ({ startMs: Math.round(segment.startMs), endMs: Math.round(Math.min(segment.endMs, durationMs)), text: segment.text }));
  return { ok: true, result: { ...(transcript.language && { language: transcript.language }), segments: clamped } };
}
