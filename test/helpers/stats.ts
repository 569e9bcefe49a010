/**
 * Probability that a value drawn from `a` exceeds one drawn from `b` (Vargha
 * and Delaney's A, the Mann–Whitney U statistic over n·m). 0.5 means the two
 * samples are indistinguishable; near 0 or 1 means one is reliably larger.
 */
export function probabilityOfSuperiority(a: readonly number[], b: readonly number[]): number {
  let wins = 0;
  for (const x of a) {
    for (const y of b) wins += x > y ? 1 : x === y ? 0.5 : 0;
  }
  return wins / (a.length * b.length);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
