import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { subscribeToJobEvents } from './job-events';
import type { JobEvent } from './job-state';

/** Enough of EventSource to drive the channel: named listeners, readyState, close. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.OPEN;
  private readonly listeners = new Map<string, Array<(message: unknown) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(name: string, listener: (message: unknown) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(kind: string, id: number, data: object) {
    for (const listener of this.listeners.get(kind) ?? []) listener({ lastEventId: String(id), data: JSON.stringify(data) });
  }
  fail(readyState: number) {
    this.readyState = readyState;
    for (const listener of this.listeners.get('error') ?? []) listener({});
  }
}

const collect = () => {
  const events: JobEvent[] = [];
  return { events, listener: { event: (event: JobEvent) => void events.push(event), lost: vi.fn() } };
};

describe('the one EventSource of a tab', () => {
  let unsubscribes: Array<() => void> = [];
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    for (const unsubscribe of unsubscribes) unsubscribe();
    unsubscribes = [];
    vi.runAllTimers();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const subscribe = (...args: Parameters<typeof subscribeToJobEvents>) => {
    const unsubscribe = subscribeToJobEvents(...args);
    unsubscribes.push(unsubscribe);
    return unsubscribe;
  };

  test('subscribers of a job share one connection; a late one hears what came before', () => {
    const first = collect();
    subscribe('j1', first.listener);
    const [source] = FakeEventSource.opened;
    expect(source!.url).toBe('/api/jobs/j1/events');
    source!.emit('stage', 5, { index: 0, status: 'started' });
    const late = collect();
    subscribe('j1', late.listener);
    source!.emit('progress', 6, { index: 0, stage_progress: 0.5, progress: 0.1 });
    expect(FakeEventSource.opened).toHaveLength(1);
    expect(first.events.map((event) => event.id)).toEqual([5, 6]);
    expect(late.events.map((event) => event.id)).toEqual([5, 6]);
  });

  test('closes when the job ends, so the browser does not reconnect to a finished stream', () => {
    subscribe('j2', collect().listener);
    const [source] = FakeEventSource.opened;
    source!.emit('state', 9, { status: 'succeeded' });
    expect(source!.readyState).toBe(FakeEventSource.CLOSED);
  });

  test('another job takes over the connection; the last subscriber leaving closes it after a grace', () => {
    subscribe('j3', collect().listener);
    const unsubscribe = subscribe('j4', collect().listener);
    const [old, current] = FakeEventSource.opened;
    expect(old!.readyState).toBe(FakeEventSource.CLOSED);
    unsubscribe();
    expect(current!.readyState).toBe(FakeEventSource.OPEN);
    vi.advanceTimersByTime(1_000);
    expect(current!.readyState).toBe(FakeEventSource.CLOSED);
  });

  test('a retrying connection is left to the browser; a refused one is reported', () => {
    const watcher = collect();
    subscribe('j5', watcher.listener);
    const [source] = FakeEventSource.opened;
    source!.fail(FakeEventSource.CONNECTING);
    expect(watcher.listener.lost).not.toHaveBeenCalled();
    source!.fail(FakeEventSource.CLOSED);
    expect(watcher.listener.lost).toHaveBeenCalledOnce();
  });
});
