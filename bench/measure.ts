import { performance } from 'node:perf_hooks';

export interface Contender {
  readonly label: string;
  /** One operation; awaited. */
  readonly once: () => Promise<unknown>;
}

export interface Figure {
  readonly label: string;
  /** Median microseconds per operation across rounds. */
  readonly microsPerOp: number;
}

/**
 * Runs contenders in interleaved rounds (A B, B A, …) so drift in a shared,
 * noisy machine hits both alike, and keeps the median round of each.
 */
export async function compare(contenders: readonly Contender[], options: { rounds: number; opsPerRound: number; warmup: number }): Promise<Figure[]> {
  for (const contender of contenders) {
    for (let i = 0; i < options.warmup; i += 1) await contender.once();
  }
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round += 1) {
    const order = round % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
    for (const index of order) {
      const contender = contenders[index]!;
      const start = performance.now();
      for (let i = 0; i < options.opsPerRound; i += 1) await contender.once();
      samples[index]!.push(((performance.now() - start) * 1000) / options.opsPerRound);
    }
  }
  return contenders.map((contender, i) => ({ label: contender.label, microsPerOp: median(samples[i]!) }));
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function printComparison(title: string, ours: Figure, baseline: Figure): void {
  const line = (figure: Figure) =>
    `  ${figure.label.padEnd(28)} ${figure.microsPerOp.toFixed(1).padStart(8)} µs/op ${Math.round(1e6 / figure.microsPerOp).toLocaleString('en').padStart(10)} op/s`;
  console.log(title);
  console.log(line(ours));
  console.log(line(baseline));
  const ratio = ours.microsPerOp / baseline.microsPerOp;
  console.log(`  ratio (ours / baseline)      ${ratio.toFixed(2)}x, +${(ours.microsPerOp - baseline.microsPerOp).toFixed(1)} µs per op`);
}
