import type { Reply } from '../../api/types';

export type Job = Reply<'/api/jobs/{id}', 'get'>;
export type JobStatus = Job['status'];
export type StageStatus = Job['stages'][number]['status'];

/** One Server-Sent Event of GET /api/jobs/:id/events, its data parsed. */
export interface JobEvent {
  readonly id: number;
  readonly kind: string;
  readonly data: Record<string, unknown>;
}

/** What the job page shows live: the job as last read, moved on by each event since. */
export interface LiveJob {
  readonly status: JobStatus;
  readonly stages: ReadonlyArray<{ readonly name: string; readonly status: StageStatus }>;
  /** Overall, 0…1. */
  readonly progress: number;
  /** The running stage's own progress, 0…1, when it reports one. */
  readonly stageProgress?: { readonly index: number; readonly value: number };
  readonly failure?: { readonly code: string; readonly message: string };
  /** The engine's latest preview frame of the running stage (GET /api/jobs/:id/preview), where it sends them. */
  readonly preview?: { readonly index: number; readonly seq: number };
  /** How many events moved this state on (a test and the page use it to tell live updates from the first read). */
  readonly updates: number;
}

const FINISHED: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export function isFinished(status: JobStatus): boolean {
  return FINISHED.has(status);
}

export function liveJobOf(job: Job): LiveJob {
  return { status: job.status, stages: job.stages, progress: job.progress, ...(job.failure && { failure: job.failure }), updates: 0 };
}

/**
 * Where replaying a job's events starts: its stage names and the stages an
 * import skipped (both fixed at submission), nothing else. The stream sends
 * every event from the first, so replaying them from here gives exactly the
 * job's story; replaying them over a later snapshot would walk it backwards.
 */
export function replayBaseOf(job: Job): LiveJob {
  return { status: 'queued', stages: job.stages.map((stage) => ({ name: stage.name, status: stage.status === 'skipped' ? 'skipped' : 'pending' })), progress: 0, updates: 0 };
}

const STATUSES: ReadonlySet<string> = new Set(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const clamp = (value: number) => Math.min(1, Math.max(0, value));

function withStage(state: LiveJob, index: number, status: StageStatus): LiveJob['stages'] {
  // A stage an import made unnecessary stays "skipped" whatever the runner says of it.
  return state.stages.map((stage, i) => (i === index && stage.status !== 'skipped' ? { ...stage, status } : stage));
}

/**
 * Moves the live state on by one event. The server sends four kinds
 * (src/jobs/job-reporter.ts, queue.ts, service.ts): `state` {status, failure?},
 * `stage` {index, status: started|done, progress?}, `progress`
 * {index, stage_progress, progress} and `preview` {index, seq}. A preview
 * lasts while its stage runs. Anything else, or data of the wrong shape,
 * leaves the state as it was: the page never trusts an event blindly.
 */
export function applyJobEvent(state: LiveJob, event: JobEvent): LiveJob {
  const { data } = event;
  const index = num(data.index);
  const moved = { ...state, updates: state.updates + 1 };
  switch (event.kind) {
    case 'state': {
      if (typeof data.status !== 'string' || !STATUSES.has(data.status)) return state;
      const status = data.status as JobStatus;
      const failure = data.failure as { code?: unknown; message?: unknown } | undefined;
      const next: LiveJob = {
        ...moved,
        status,
        ...(status !== 'running' && { preview: undefined }),
        ...(status === 'succeeded' && { progress: 1, stageProgress: undefined, stages: state.stages.map((stage) => (stage.status === 'skipped' ? stage : { ...stage, status: 'done' as const })) }),
      };
      if (status === 'failed' && typeof failure?.code === 'string') return { ...next, failure: { code: failure.code, message: typeof failure.message === 'string' ? failure.message : '' } };
      return next;
    }
    case 'stage': {
      if (index === undefined || index < 0 || index >= state.stages.length) return state;
      if (data.status === 'started') {
        // Stages run in order, so those before a starting one are done, even when their own events are not in this story (a re-render starts past them).
        const stages = withStage(state, index, 'running').map((stage, i) => (i < index && stage.status === 'pending' ? { ...stage, status: 'done' as const } : stage));
        return { ...moved, status: 'running', stages, stageProgress: { index, value: 0 } };
      }
      if (data.status === 'done') {
        const progress = num(data.progress);
        return { ...moved, stages: withStage(state, index, 'done'), stageProgress: undefined, preview: undefined, ...(progress !== undefined && { progress: clamp(progress) }) };
      }
      return state;
    }
    case 'progress': {
      const overall = num(data.progress);
      const stage = num(data.stage_progress);
      if (index === undefined || overall === undefined) return state;
      return { ...moved, progress: clamp(overall), ...(stage !== undefined && { stageProgress: { index, value: clamp(stage) } }) };
    }
    case 'preview': {
      const seq = num(data.seq);
      if (index === undefined || state.stages[index]?.status !== 'running' || seq === undefined || !Number.isInteger(seq) || seq < 1) return state;
      return { ...moved, preview: { index, seq } };
    }
    default:
      return state;
  }
}

/**
 * Which of a job's events tell the story of render `render`. The stream
 * replays every event since the job was submitted, so a re-rendered dub's
 * stream starts with the earlier renders, ending in their "succeeded"; the
 * re-render's own story starts at the `state` event that queued it, which
 * names its render. The first render's story is the whole stream.
 */
export function renderGate(render: number): (event: JobEvent) => boolean {
  let reached = render <= 1;
  return (event) => {
    if (!reached && event.kind === 'state' && event.data.render === render) reached = true;
    return reached;
  };
}

/** Parses an SSE message into a JobEvent; undefined when it is not one. */
export function parseJobEvent(kind: string, lastEventId: string, data: string): JobEvent | undefined {
  const id = Number(lastEventId);
  if (!/^\d+$/.test(lastEventId)) return undefined;
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return { id, kind, data: parsed as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
