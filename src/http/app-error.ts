/**
 * Errors with a stable wire code. Each domain lists its codes in its own
 * `errors.ts` through defineErrors; the one error handler turns an AppError into
 * `{"error": {"code", "message"}}` with the catalogued status.
 */
export interface ErrorDefinition {
  readonly code: string;
  readonly status: number;
  /** Default human text; safe to show to anyone. */
  readonly message: string;
}

type Specs = Record<string, { readonly status: number; readonly message: string }>;

export type ErrorCatalogue<T extends Specs = Specs> = { readonly [K in keyof T & string]: ErrorDefinition & { code: K } };

export function defineErrors<const T extends Specs>(specs: T): ErrorCatalogue<T> {
  const catalogue: Record<string, ErrorDefinition> = {};
  for (const [code, spec] of Object.entries(specs)) catalogue[code] = Object.freeze({ code, ...spec });
  return Object.freeze(catalogue) as ErrorCatalogue<T>;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  /** Seconds for a Retry-After header (429 and 503 answers). */
  readonly retryAfterSeconds: number | undefined;

  /** `message` overrides the catalogue text; it is shown to the client, so keep it free of internals. */
  constructor(definition: ErrorDefinition, message: string = definition.message, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = definition.code;
    this.status = definition.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
