import { inspect } from 'node:util';

const REDACTED = '[secret]';

/**
 * Wraps a secret value so that logging, JSON-serialising or inspecting a config
 * object can never print it; only an explicit `reveal()` hands the value out.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
