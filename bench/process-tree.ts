import { readdirSync, readFileSync } from 'node:fs';

/** What one sample of a process saw, in MB. */
interface Seen {
  readonly name: string;
  readonly peakMb: number;
}

export interface TreeMemory {
  /** Highest sum of VmRSS over every descendant at one sample. */
  readonly treePeakMb: number;
  /** Each process's own VmHWM as last read, the highest first. */
  readonly processes: readonly Seen[];
  readonly samples: number;
}

function status(pid: number): Record<string, string> | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Object.fromEntries(text.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
  } catch {
    return undefined;
  }
}

const kb = (value: string | undefined) => Number(value?.match(/(\d+)/)?.[1] ?? 0) / 1024;

/** The live descendants of `root` (Linux /proc), by parent pid. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = Number(status(pid)?.PPid);
    if (!Number.isInteger(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Samples the memory of every process below this one (the job process, its
 * voice program, the ffmpeg passes, prlimit/sandbox wrappers) every
 * `everyMs` until stopped. A process shorter than the interval may be
 * missed; each one seen reports its own peak (VmHWM), so a longer one's peak
 * is not lost between samples.
 */
export function sampleProcessTree(everyMs = 250): { stop: () => TreeMemory } {
  const peaks = new Map<number, Seen>();
  let treePeakMb = 0;
  let samples = 0;
  const timer = setInterval(() => {
    let sum = 0;
    for (const pid of descendants(process.pid)) {
      const fields = status(pid);
      if (!fields) continue;
      sum += kb(fields.VmRSS);
      const peakMb = kb(fields.VmHWM);
      if (peakMb >= (peaks.get(pid)?.peakMb ?? 0)) peaks.set(pid, { name: fields.Name ?? '?', peakMb });
    }
    treePeakMb = Math.max(treePeakMb, sum);
    samples += 1;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { treePeakMb, processes: [...peaks.values()].sort((a, b) => b.peakMb - a.peakMb), samples };
    },
  };
}
