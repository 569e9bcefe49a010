/**
 * Runs `work` over `items`, at most `limit` at once, in no particular order;
 * the first failure is thrown once the ones already running have settled.
 * Copying files this way overlaps one file's fsync with the next one's
 * encryption: a backup is not bound by the sum of the two.
 */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
