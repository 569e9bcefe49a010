import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import type { Reply } from '../../api/types';

type Entry = Reply<'/api/jobs/{id}/log', 'get'>['entries'][number];
const REFRESH_MS = 1_500;

/**
 * The job's log, read on from where the last read stopped, every
 * REFRESH_MS while the job runs and once more when it ends (so the last
 * lines are never missed). Shown in a scrollable, labelled region a
 * keyboard can reach.
 */
export function JobLog({ jobId, running }: { jobId: string; running: boolean }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [error, setError] = useState<unknown>();
  const after = useRef(0);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    after.current = 0;
    setEntries([]);
  }, [jobId]);

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function readOn() {
      try {
        for (;;) {
          const page = unwrap(await api.GET('/api/jobs/{id}/log', { params: { path: { id: jobId }, query: { after: after.current, limit: 500 } } }));
          if (!active) return;
          after.current = page.next_after;
          if (page.entries.length > 0) setEntries((current) => [...current, ...page.entries]);
          setError(undefined);
          if (page.entries.length < 500) break;
        }
      } catch (failure) {
        if (active) setError(failure);
      }
      if (active && running) timer = setTimeout(() => void readOn(), REFRESH_MS);
    }
    void readOn();
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [jobId, running]);

  // Follow the end of the log, as a terminal does, unless the person scrolled up to read.
  useEffect(() => {
    const element = box.current;
    if (element && element.scrollHeight - element.scrollTop - element.clientHeight < 80) element.scrollTop = element.scrollHeight;
  }, [entries]);

  return (
    <section aria-labelledby="job-log-heading">
      <h2 id="job-log-heading">Log</h2>
      <ErrorNotice error={error} />
      <div ref={box} className="log" role="log" aria-labelledby="job-log-heading" tabIndex={0}>
        {entries.length === 0 ? (
          <p className="muted">Nothing logged yet.</p>
        ) : (
          <ol>
            {entries.map((entry) => (
              <li key={entry.id} className={`log-${entry.level}`}>
                <time dateTime={entry.at}>{new Date(entry.at).toLocaleTimeString()}</time> <span className="log-level">{entry.level}</span> {entry.msg}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
