import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { subscribeToJobEvents } from './job-events';
import { applyJobEvent, isFinished, type Job, liveJobOf, type LiveJob, replayBaseOf } from './job-state';

/**
 * A job as it happens: read once, then moved on by its live events until it
 * ends, then read again (the final read has the finish time and the exact
 * stage states). `lost` is set when the stream was refused. `follow` starts
 * over after the job was queued again (a dub's re-render): the live state then
 * tells the story of the new render only.
 */
export function useLiveJob(jobId: string) {
  const [job, setJob] = useState<Job>();
  const [live, setLive] = useState<LiveJob>();
  const [error, setError] = useState<unknown>();
  const [lost, setLost] = useState(false);
  const [round, setRound] = useState(0);
  const follow = useCallback(() => setRound((current) => current + 1), []);

  const reload = useCallback(async () => {
    try {
      const fresh = unwrap(await api.GET('/api/jobs/{id}', { params: { path: { id: jobId } } }));
      setJob(fresh);
      setError(undefined);
      return fresh;
    } catch (failure) {
      setError(failure);
      return undefined;
    }
  }, [jobId]);

  // Another job: forget this one. A new round of the same job keeps showing it until the fresh read arrives.
  useEffect(() => {
    setJob(undefined);
    setLive(undefined);
  }, [jobId]);

  useEffect(() => {
    let active = true;
    let unsubscribe: (() => void) | undefined;
    setLost(false);
    void reload().then((first) => {
      if (!active || !first) return;
      if (isFinished(first.status)) {
        setLive(liveJobOf(first));
        return;
      }
      setLive(replayBaseOf(first));
      unsubscribe = subscribeToJobEvents(jobId, {
        event(event) {
          setLive((current) => current && applyJobEvent(current, event));
        },
        lost() {
          setLost(true);
          void reload().then((fresh) => fresh && setLive(liveJobOf(fresh)));
        },
      }, first.render);
    });
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, [jobId, reload, round]);

  // The stream said the job ended: read it once more for what events do not carry.
  const ended = live !== undefined && isFinished(live.status);
  const stale = job !== undefined && !isFinished(job.status);
  useEffect(() => {
    if (ended && stale) void reload();
  }, [ended, stale, reload]);

  return { job, live, error, lost, reload, follow };
}
