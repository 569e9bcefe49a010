import { defineErrors } from '../http/app-error.js';

/**
 * Codes of one call to an engine: the worker records them on a failed stage,
 * and a route that calls an engine answers with them. A dub refused at
 * submission for a missing engine has its codes in pipeline/errors.ts.
 */
export const engineErrors = defineErrors({
  engine_unavailable: { status: 503, message: 'The engine did not answer (down, overloaded or too slow); try again later.' },
  engine_rejected: { status: 502, message: 'The engine refused the request.' },
  engine_bad_response: { status: 502, message: 'The engine answered with something Sakuga cannot use.' },
});

export type EngineErrorCode = 'engine_unavailable' | 'engine_rejected' | 'engine_bad_response';

/**
 * A failed call to an engine. `message` is meant for logs and job failures: it
 * names the engine and what went wrong, never its URL or key (the client
 * scrubs the key out of anything an engine echoes). `transient` says whether
 * running the job again later may succeed.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly transient: boolean;
  /** The HTTP status the engine answered with, when it answered. */
  readonly status: number | undefined;

  constructor(code: EngineErrorCode, message: string, options: { transient?: boolean; status?: number } = {}) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.transient = options.transient ?? code === 'engine_unavailable';
    this.status = options.status;
  }
}

/** `engine_bad_response` for a reply that is not what the protocol promises. */
export function badResponse(engine: string, what: string): EngineError {
  return new EngineError('engine_bad_response', `${engine}: ${what}`);
}
