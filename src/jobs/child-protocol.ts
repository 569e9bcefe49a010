import { ARTIFACT_NAME } from './artifacts.js';
import { type EngineRequestMessage, isEngineRequest } from './engine-protocol.js';

/**
 * The wire between the runner (parent) and a job's child process. The parent
 * writes one JobSpec as the first JSON line on the child's stdin, then the
 * replies to the child's engine requests (engine-protocol.ts); the child
 * answers with JSON lines on fd 3. The child runs untrusted input through
 * third-party code, so the parent treats every line as hostile: a bounded
 * length, a checked shape, and a checked order (run-session.ts).
 */

/** The file descriptor the child writes its messages to (stdio index 3). */
export const MESSAGE_FD = 3;

/** Longest message line; a longer one is a broken or hostile child. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** Most artifacts one stage may report. */
export const MAX_ARTIFACTS_PER_STAGE = 64;

/** What the parent tells the child to do. */
export interface JobSpec {
  readonly jobId: string;
  readonly type: string;
  /** Already validated against the job type's schema. */
  readonly options: unknown;
  /** The job's stage names, in order. */
  readonly stages: readonly string[];
  /** The first stage to run: the checkpoint (0 on a first run). */
  readonly fromStage: number;
  /** 1 on the first run; a resumed or retried job gets the next number. */
  readonly attempt: number;
  /** The job's private, writable directory; exists and is reachable by the job's uid. */
  readonly workDir: string;
  /** What the job type needs beyond its options (a dub: tool paths, settings, its segments); from the worker, never the user. */
  readonly runtime?: unknown;
}

/**
 * Limits the child can detect itself (an allocation that failed, a spawn
 * refused with EAGAIN, a connection refused by the sandbox, EFBIG). Any other
 * code in a `failed` message is the stage's own code.
 */
export const CHILD_LIMIT_CODES = ['memory_limit', 'process_limit', 'file_size_limit', 'network_denied'] as const;
export type ChildLimitCode = (typeof CHILD_LIMIT_CODES)[number];

/** Whether `code` names one of those limits rather than a stage's own failure. */
export function isChildLimitCode(code: string): code is ChildLimitCode {
  return (CHILD_LIMIT_CODES as readonly string[]).includes(code);
}

/** A stage's own failure code, e.g. `selftest_failed`; snake_case like every wire code. */
export const STAGE_CODE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * The child's first line, sent as soon as it runs (in the sandbox, once
 * bwrap has set it up): a process started ahead of its job is given one
 * only after it, as its work dir must stay where bwrap binds it from until
 * then. The runner has nothing to do with it.
 */
export const READY_LINE = '{"kind":"ready"}\n';
export interface ReadyMessage {
  readonly kind: 'ready';
}

export interface StageStartMessage {
  readonly kind: 'stage_start';
  readonly index: number;
}
export interface ProgressMessage {
  readonly kind: 'progress';
  readonly index: number;
  readonly value: number;
}
export interface LogMessage {
  readonly kind: 'log';
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly fields?: Record<string, unknown>;
}
export interface StageDoneMessage {
  readonly kind: 'stage_done';
  readonly index: number;
  /** File names in `<workDir>/out/`; checked one by one by the runner. */
  readonly artifacts: readonly string[];
}
export interface FailedMessage {
  readonly kind: 'failed';
  readonly index: number;
  /** A ChildLimitCode or the stage's own code. */
  readonly code: string;
  readonly message: string;
  readonly transient: boolean;
}
export type ChildMessage = ReadyMessage | StageStartMessage | ProgressMessage | LogMessage | StageDoneMessage | FailedMessage | EngineRequestMessage;

type Fields = Record<string, unknown>;

const isIndex = (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 9_999;
const isText = (value: unknown, max: number) => typeof value === 'string' && value.length <= max;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const only = (message: Fields, keys: readonly string[]) => Object.keys(message).every((key) => keys.includes(key));
const LEVELS: readonly unknown[] = ['debug', 'info', 'warn', 'error'];

/**
 * The shape of each kind, checked by hand rather than with TypeBox: the
 * child imports this module too, and loading TypeBox would add a third of
 * a second to the start of every job.
 */
const SHAPES: Record<ChildMessage['kind'], (message: Fields) => boolean> = {
  ready: (m) => only(m, ['kind']),
  stage_start: (m) => only(m, ['kind', 'index']) && isIndex(m.index),
  progress: (m) => only(m, ['kind', 'index', 'value']) && isIndex(m.index) && typeof m.value === 'number',
  log: (m) =>
    only(m, ['kind', 'level', 'msg', 'fields']) &&
    LEVELS.includes(m.level) &&
    isText(m.msg, 4_096) &&
    (m.fields === undefined || (isObject(m.fields) && Object.keys(m.fields).length <= 32)),
  stage_done: (m) =>
    only(m, ['kind', 'index', 'artifacts']) &&
    isIndex(m.index) &&
    Array.isArray(m.artifacts) &&
    m.artifacts.length <= MAX_ARTIFACTS_PER_STAGE &&
    m.artifacts.every((name) => isText(name, 256)),
  failed: (m) =>
    only(m, ['kind', 'index', 'code', 'message', 'transient']) &&
    isIndex(m.index) &&
    typeof m.code === 'string' &&
    STAGE_CODE.test(m.code) &&
    isText(m.message, 1_000) &&
    typeof m.transient === 'boolean',
  engine_request: isEngineRequest,
};

/** A line the child should never have sent; the run ends as `crashed`. */
export class ProtocolViolation extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ProtocolViolation';
  }
}

/**
 * One message line, checked. Returns null for a well-formed message of a kind
 * this version does not know (dropped, so the child and the parent can be
 * upgraded apart); throws ProtocolViolation for anything else malformed.
 */
export function parseChildMessage(line: string): ChildMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ProtocolViolation('a message line is not JSON');
  }
  if (!isObject(value)) throw new ProtocolViolation('a message is not an object');
  const kind = value.kind;
  if (typeof kind !== 'string') throw new ProtocolViolation('a message has no kind');
  if (!Object.hasOwn(SHAPES, kind)) return null;
  if (!SHAPES[kind as ChildMessage['kind']](value)) throw new ProtocolViolation(`a ${kind} message has the wrong shape`);
  return value as unknown as ChildMessage;
}

/** Whether `name` may be an artifact's file name (the artifact store's own rule). */
export function isArtifactName(name: string): boolean {
  return ARTIFACT_NAME.test(name);
}
