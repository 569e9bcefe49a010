/**
 * Group commit: calls that arrive while a write is under way (or in the same
 * tick as the first) are written together by one `write`, one transaction
 * and one commit for all of them, instead of one each. Nothing waits for a
 * batch to fill: an idle caller's write starts at once (next microtask).
 *
 * `write` answers each item in order with its result, or an Error that
 * rejects that item alone (a lost lease); if `write` throws, every item of
 * the batch is rejected with it.
 */
export function groupCommit<Item, Result>(write: (items: Item[]) => Promise<Array<Result | Error>>, maxBatch: number): (item: Item) => Promise<Result> {
  let waiting: Array<{ item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        const results = await write(batch.map((entry) => entry.item));
        batch.forEach((entry, index) => {
          const result = results[index] as Result | Error;
          if (result instanceof Error) entry.reject(result);
          else entry.resolve(result);
        });
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    writing = false;
  }

  return function committed(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!writing) {
        writing = true;
        queueMicrotask(() => void drain());
      }
    });
  };
}
