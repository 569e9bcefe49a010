import { isFinished, type JobEvent, type JobStatus, parseJobEvent, renderGate } from './job-state';

/** The event names GET /api/jobs/:id/events sends (EventSource delivers named events only to listeners of that name). */
const KINDS = ['state', 'stage', 'progress', 'preview'] as const;

export interface JobEventListener {
  event(event: JobEvent): void;
  /** The stream was refused (the job is gone, the session ended); the browser will not retry. */
  lost?(): void;
}

interface Channel {
  readonly jobId: string;
  readonly render: number;
  readonly source: EventSource;
  readonly listeners: Set<JobEventListener>;
  /** Every event so far, so a component that subscribes late sees the whole story. */
  readonly seen: JobEvent[];
  closeTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The one EventSource of this tab. Components subscribe to a job's events
 * through here rather than opening their own, so a page with several live
 * parts still holds one connection. When the connection drops, the browser
 * reconnects by itself and sends Last-Event-ID, and the server carries on
 * after that event, so nothing is missed and nothing comes twice. The
 * connection closes when the job ends (else the browser would reconnect to a
 * finished stream forever), when the last subscriber leaves, or when another
 * job is subscribed to.
 */
let channel: Channel | undefined;

function close(target: Channel): void {
  clearTimeout(target.closeTimer);
  target.source.close();
  if (channel === target) channel = undefined;
}

function open(jobId: string, render: number): Channel {
  const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
  const opened: Channel = { jobId, render, source, listeners: new Set(), seen: [] };
  // An earlier render's events (and its "succeeded", which would close the stream) are not this render's story.
  const ofThisRender = renderGate(render);
  for (const kind of KINDS) {
    source.addEventListener(kind, (message: MessageEvent<string>) => {
      const event = parseJobEvent(kind, message.lastEventId, message.data);
      if (!event || !ofThisRender(event)) return;
      opened.seen.push(event);
      for (const listener of opened.listeners) listener.event(event);
      if (kind === 'state' && typeof event.data.status === 'string' && isFinished(event.data.status as JobStatus)) close(opened);
    });
  }
  source.addEventListener('error', () => {
    // CONNECTING means the browser is retrying (with Last-Event-ID); CLOSED means it gave up.
    if (source.readyState !== EventSource.CLOSED) return;
    for (const listener of opened.listeners) listener.lost?.();
    close(opened);
  });
  return opened;
}

/** Listens to the live events of a job's render (those so far first); returns the unsubscribe function. */
export function subscribeToJobEvents(jobId: string, listener: JobEventListener, render = 1): () => void {
  if (channel && (channel.jobId !== jobId || channel.render !== render)) close(channel);
  channel ??= open(jobId, render);
  const joined = channel;
  clearTimeout(joined.closeTimer);
  for (const event of joined.seen) listener.event(event);
  joined.listeners.add(listener);
  return () => {
    joined.listeners.delete(listener);
    // A short grace, so a re-render (or React's StrictMode double mount) does not drop and reopen the stream.
    if (joined.listeners.size === 0) joined.closeTimer = setTimeout(() => close(joined), 1_000);
  };
}
