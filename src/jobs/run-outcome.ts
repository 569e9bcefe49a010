import { constants } from 'node:os';
import { type FailedMessage, isChildLimitCode } from './child-protocol.js';
import type { RunFailureCode, RunResult } from './runner-types.js';

/** Why the runner itself killed the child's process group, first reason wins. */
export type KillReason = 'cancel' | 'timeout' | 'protocol' | 'artifact' | 'flood';

/** Everything known when a run is over. */
export interface RunEnd {
  readonly killedFor?: KillReason;
  /** The child's own `failed` report. */
  readonly failure?: FailedMessage;
  readonly allStagesDone: boolean;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Under bwrap a signal reaches us as exit code 128 + its number. */
  readonly sandboxed: boolean;
  readonly stage?: number;
  readonly elapsedMs: number;
  readonly cpuSeconds: number;
  readonly stderrTail: string;
}

/** What the job's owner reads; never a path, never the child's own words for a limit. */
const MESSAGES: Record<RunFailureCode, string> = {
  timeout: 'The job ran longer than its time limit.',
  cpu_limit: 'The job used more CPU time than its limit.',
  memory_limit: 'The job needed more memory than its limit.',
  process_limit: 'The job tried to start more processes than its limit.',
  file_size_limit: 'The job tried to write a file larger than its limit.',
  network_denied: 'The job tried to use the network, which jobs may not do.',
  stage_failed: 'A stage of the job failed.',
  crashed: 'The job process stopped unexpectedly.',
  spawn_failed: 'The job process could not be started.',
  files_unreachable: 'The job process cannot reach the files it needs on this server.',
};

const KILL_MESSAGES: Record<Exclude<KillReason, 'cancel' | 'timeout'>, string> = {
  protocol: 'The job process sent a report the server does not accept.',
  artifact: 'The job reported an output that is not a plain file in its output folder.',
  flood: 'The job process wrote more output than allowed.',
};

/** Signal numbers to names. Some numbers have two (6 is SIGABRT and SIGIOT): the first listed, the usual one, wins. */
const SIGNAL_NAMES = new Map<number, NodeJS.Signals>();
for (const [name, number] of Object.entries(constants.signals)) if (!SIGNAL_NAMES.has(number)) SIGNAL_NAMES.set(number, name as NodeJS.Signals);

/** A failed run with the catalogue's message; never transient unless a stage said so. */
export function failed(code: RunFailureCode, extra: { message?: string; transient?: boolean; stageCode?: string; stage?: number } = {}): RunResult {
  return {
    outcome: 'failed',
    code,
    message: extra.message ?? MESSAGES[code],
    transient: extra.transient ?? false,
    ...(extra.stageCode === undefined ? {} : { stageCode: extra.stageCode }),
    ...(extra.stage === undefined ? {} : { stage: extra.stage }),
  };
}

/**
 * The child's own words for a stage failure, made fit for the owner's eyes:
 * one line, no control characters, no absolute paths (a third-party tool's
 * error message likes to name them), and short.
 */
export function ownerSafeMessage(text: string): string {
  const safe = text
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/(^|[\s'"(=:,[])(?:~|\.{1,2})?\/[^\s'")\],]*/g, '$1<path>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  return safe === '' ? MESSAGES.stage_failed : safe;
}

function signalOf(end: RunEnd): NodeJS.Signals | null {
  if (end.signal) return end.signal;
  if (end.sandboxed && end.exitCode !== null && end.exitCode > 128) return SIGNAL_NAMES.get(end.exitCode - 128) ?? null;
  return null;
}

/**
 * Maps how a run ended to its result. The runner's own reasons come first
 * (it knows why it killed), then the child's report (it knows what failed
 * inside), then the signal the child died of: RLIMIT_CPU sends SIGXCPU,
 * RLIMIT_FSIZE SIGXFSZ, and V8 aborts when it cannot reserve memory.
 */
export function runResult(end: RunEnd): RunResult {
  const stage = end.stage;
  if (end.killedFor === 'cancel') return { outcome: 'cancelled' };
  if (end.killedFor === 'timeout') return failed('timeout', { stage });
  if (end.killedFor) return failed('crashed', { message: KILL_MESSAGES[end.killedFor], stage });

  if (end.failure) {
    const { code, message, transient, index } = end.failure;
    if (isChildLimitCode(code)) return failed(code, { stage: index });
    return failed('stage_failed', { message: ownerSafeMessage(message), transient, stageCode: code, stage: index });
  }
  if (end.allStagesDone && end.exitCode === 0) return { outcome: 'succeeded' };

  const signal = signalOf(end);
  const outOfMemory = /out of memory|allocation failed/i.test(end.stderrTail);
  if (signal === 'SIGXCPU') return failed('cpu_limit', { stage });
  // The hard CPU limit sends SIGKILL to a process that survived SIGXCPU; nothing else of ours does.
  if (signal === 'SIGKILL' && end.elapsedMs >= end.cpuSeconds * 1000) return failed('cpu_limit', { stage });
  if (signal === 'SIGXFSZ') return failed('file_size_limit', { stage });
  if (signal === 'SIGABRT' || (outOfMemory && (signal === 'SIGTRAP' || signal === 'SIGSEGV' || signal === 'SIGILL'))) return failed('memory_limit', { stage });
  if (end.exitCode === 0 && signal === null) return failed('crashed', { message: 'The job process ended before finishing its stages.', stage });
  return failed('crashed', { stage });
}
