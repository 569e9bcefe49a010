/**
 * News, inside one process, that jobs were just queued: a worker in the same
 * process (`serve`'s embedded one) claims them at once instead of at its next
 * poll, up to half a second later. A worker in another process still polls;
 * nothing depends on the news arriving.
 */
export interface QueueSignal {
  /** Jobs were committed as queued. */
  queued(): void;
  /** Calls `listener` on each `queued()`; the returned function stops that. */
  subscribe(listener: () => void): () => void;
}

export function createQueueSignal(): QueueSignal {
  const listeners = new Set<() => void>();
  return {
    queued() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
