/**
 * At most `concurrency` tasks run at once; up to `maxQueue` more wait in line
 * and the rest are refused at once (the caller answers 503), so a burst cannot
 * grow memory without bound.
 */
export class ConcurrencyLimiter {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueue: number,
  ) {}

  get queued(): number {
    return this.#waiting.length;
  }

  /** Runs `task` when a slot is free; returns undefined if the line is full. */
  async run<T>(task: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.maxQueue) return undefined;
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return { value: await task() };
    } finally {
      const next = this.#waiting.shift();
      // Hand the slot straight to the next in line; the count only drops when nobody waits.
      if (next) next();
      else this.#running -= 1;
    }
  }
}
