import { describe, expect, test } from 'vitest';
import { applyJobEvent, isFinished, type Job, type JobEvent, liveJobOf, parseJobEvent, renderGate, replayBaseOf } from './job-state';

const job: Job = {
  id: 'j1',
  type: 'dub',
  title: 'dub → en',
  status: 'running',
  options: {},
  tags: [],
  stages: [
    { name: 'probe', status: 'done' },
    { name: 'transcribe', status: 'skipped' },
    { name: 'mix', status: 'running' },
  ],
  progress: 0.4,
  attempts: 1,
  cancel_requested: false,
  archived: false,
  render: 1,
  privacy_mode: 'off',
  created_at: '2025-01-01T00:00:00Z',
  started_at: '2025-01-01T00:00:01Z',
  finished_at: null,
};
let nextId = 1;
const event = (kind: string, data: Record<string, unknown>): JobEvent => ({ id: nextId++, kind, data });
const replay = (events: JobEvent[]) => events.reduce(applyJobEvent, replayBaseOf(job));

describe('live job state from the SSE events', () => {
  test('the replay base keeps the names and the skipped stages, and forgets the rest', () => {
    expect(replayBaseOf(job)).toEqual({ status: 'queued', progress: 0, updates: 0, stages: [{ name: 'probe', status: 'pending' }, { name: 'transcribe', status: 'skipped' }, { name: 'mix', status: 'pending' }] });
  });

  test('a whole run: started, progress, done, succeeded', () => {
    const states = [
      event('state', { status: 'queued' }),
      event('state', { status: 'running', attempt: 1 }),
      event('stage', { index: 0, status: 'started' }),
      event('stage', { index: 0, status: 'done', progress: 1 / 3 }),
      event('stage', { index: 1, status: 'started' }),
      event('stage', { index: 1, status: 'done', progress: 2 / 3 }),
      event('stage', { index: 2, status: 'started' }),
      event('progress', { index: 2, stage_progress: 0.5, progress: 0.83 }),
    ];
    const running = replay(states);
    expect(running.status).toBe('running');
    expect(running.stages.map((stage) => stage.status)).toEqual(['done', 'skipped', 'running']);
    expect(running.progress).toBeCloseTo(0.83);
    expect(running.stageProgress).toEqual({ index: 2, value: 0.5 });
    expect(running.updates).toBe(states.length);

    const done = applyJobEvent(running, event('state', { status: 'succeeded' }));
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, stageProgress: undefined });
    expect(done.stages.map((stage) => stage.status)).toEqual(['done', 'skipped', 'done']);
    expect(isFinished(done.status)).toBe(true);
  });

  test('a preview frame shows while its stage runs, the newest one, and goes when the stage or the job ends', () => {
    const started = [event('state', { status: 'running' }), event('stage', { index: 0, status: 'started' })];
    const previewing = replay([...started, event('preview', { index: 0, seq: 1 }), event('preview', { index: 0, seq: 2 })]);
    expect(previewing.preview).toEqual({ index: 0, seq: 2 });
    expect(replay([...started, event('preview', { index: 2, seq: 1 })]).preview).toBeUndefined();
    for (const seq of [0, 1.5, '3', undefined]) expect(replay([...started, event('preview', { index: 0, seq })]).preview).toBeUndefined();
    expect(applyJobEvent(previewing, event('stage', { index: 0, status: 'done', progress: 1 / 3 })).preview).toBeUndefined();
    expect(applyJobEvent(previewing, event('state', { status: 'cancelled' })).preview).toBeUndefined();
  });

  test('a failure carries its code and message', () => {
    const failed = replay([event('state', { status: 'failed', failure: { code: 'stage_failed', message: 'ffmpeg said no' } })]);
    expect(failed.failure).toEqual({ code: 'stage_failed', message: 'ffmpeg said no' });
  });

  test('events of the wrong shape change nothing', () => {
    const base = liveJobOf(job);
    for (const bad of [
      event('state', { status: 'exploded' }),
      event('stage', { index: 9, status: 'started' }),
      event('stage', { index: 'x', status: 'started' }),
      event('stage', { index: 0, status: 'paused' }),
      event('progress', { index: 0 }),
      event('mystery', {}),
    ]) {
      expect(applyJobEvent(base, bad)).toBe(base);
    }
  });

  test('progress stays within 0…1', () => {
    expect(applyJobEvent(liveJobOf(job), event('progress', { index: 2, stage_progress: 7, progress: -3 })).progress).toBe(0);
  });

  test('parses an SSE message, refusing a missing id or data that is not an object', () => {
    expect(parseJobEvent('state', '12', '{"status":"queued"}')).toEqual({ id: 12, kind: 'state', data: { status: 'queued' } });
    expect(parseJobEvent('state', '', '{}')).toBeUndefined();
    expect(parseJobEvent('state', '3', '[1]')).toBeUndefined();
    expect(parseJobEvent('state', '3', 'not json')).toBeUndefined();
  });

  test('a re-render\'s story starts at the event that queued it: the first render\'s "succeeded" is not part of it', () => {
    const stream = [
      event('state', { status: 'running' }),
      event('stage', { index: 0, status: 'started' }),
      event('state', { status: 'succeeded' }),
      event('state', { status: 'queued', render: 2 }),
      event('state', { status: 'running' }),
      event('stage', { index: 2, status: 'started' }),
    ];
    const second = stream.filter(renderGate(2));
    expect(second.map((e) => e.data.status)).toEqual(['queued', 'running', 'started']);
    expect(stream.filter(renderGate(1))).toEqual(stream);
    expect(stream.filter(renderGate(3))).toEqual([]);
    const live = second.reduce(applyJobEvent, replayBaseOf(job));
    expect(live.status).toBe('running');
    // The stages before the one the re-render started at are done (it started past them), the skipped one stays skipped.
    expect(live.stages.map((stage) => stage.status)).toEqual(['done', 'skipped', 'running']);
  });
});
