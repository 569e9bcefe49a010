import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, StatusNotice } from '../../components/form';
import { Player } from '../../components/player/player';
import { useJobPlayback } from '../../components/player/use-job-playback';
import { useApiData } from '../../components/use-api-data';
import { useSession } from '../../session/session';
import { failureSentence } from '../jobs/job-format';
import { isFinished } from '../jobs/job-state';
import { useLiveJob } from '../jobs/use-live-job';
import { isReviewer, mayEditLines, speakersOf } from './line-edit';
import { LineList } from './line-list';
import { RerenderPanel } from './rerender-panel';
import { loadAllSegments, PAGE_LIMIT, type Segment } from './segment-paging';

/**
 * A dub's review: the video on top (it stays in view on a phone), the lines
 * below following it, each editable in place by those who may; the voices and
 * the re-render that applies the edits, followed live, after which the lines
 * and the video are read again.
 */
export default function ReviewPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const { job, live, error, follow } = useLiveJob(id);
  // Bumped when a re-render ends: the lines, their ETags and the video are new.
  const [version, setVersion] = useState(0);
  const [awaited, setAwaited] = useState<number>();
  const [outcome, setOutcome] = useState<{ ok: boolean; sentence: string }>();
  const video = useRef<HTMLVideoElement>(null);
  const [seconds, setSeconds] = useState(0);
  // `?line=s0002` (a QA finding's link): that line is shown and the video waits at its start.
  const wanted = useSearchParams()[0].get('line');
  const [shown, setShown] = useState<string | null>(null);

  const page = useApiData(
    () => loadAllSegments(async (after) => unwrap(await api.GET('/api/jobs/{id}/segments', { params: { path: { id }, query: { ...(after && { after }), limit: PAGE_LIMIT } } }))),
    [id, version],
  );
  const playback = useJobPlayback(id, version);
  const engines = useApiData(async () => unwrap(await api.GET('/api/engines')), []);
  // Saved edits replace their line here until the next full read.
  const [edited, setEdited] = useState<{ from?: unknown; lines: Readonly<Record<string, Segment>> }>({ lines: {} });
  if (edited.from !== page.data) setEdited({ from: page.data, lines: {} });
  const segments = (page.data?.segments ?? []).map((segment) => (edited.from === page.data && edited.lines[segment.id]) || segment);
  const changed = useCallback((segment: Segment) => setEdited((current) => ({ ...current, lines: { ...current.lines, [segment.id]: segment } })), []);

  useEffect(() => {
    const segment = wanted && wanted !== shown ? page.data?.segments.find((line) => line.id === wanted) : undefined;
    if (!segment) return;
    setShown(segment.id);
    setSeconds(segment.start_ms / 1000);
    if (video.current) video.current.currentTime = segment.start_ms / 1000;
  }, [wanted, shown, page.data]);

  // The awaited render ended: read the lines and the video again, and say how it went.
  useEffect(() => {
    if (awaited === undefined || !job || job.render !== awaited || !isFinished(job.status)) return;
    setAwaited(undefined);
    setVersion((current) => current + 1);
    setOutcome(job.status === 'succeeded' ? { ok: true, sentence: `Render ${awaited} is ready: the video and the lines are the new ones.` } : { ok: false, sentence: job.failure ? failureSentence(job.failure) : `Render ${awaited} did not finish.` });
  }, [awaited, job]);

  if (error && !job) {
    return (
      <section>
        <h1>Review</h1>
        <ErrorNotice error={error} />
        <p>
          <Link to="/jobs">All jobs</Link>
        </p>
      </section>
    );
  }
  if (!job || !live || !user) return <p role="status">Loading the dub…</p>;

  const rendering = !isFinished(live.status);
  const editable = mayEditLines(user.role, (page.data?.editable ?? false) && !rendering);
  const seek = (segment: Segment) => {
    if (video.current) video.current.currentTime = segment.start_ms / 1000;
  };
  return (
    <section className="review">
      <p>
        <Link to={`/jobs/${encodeURIComponent(job.id)}`}>Back to the job</Link>
      </p>
      <h1>Review: {job.title}</h1>
      <div className="review-player">
        <ErrorNotice error={playback.error} />
        {playback.data && playback.data.sources.length > 0 ? (
          <Player playback={playback.data} label="Dubbed video" videoRef={video} onTimeUpdate={setSeconds} links={false} />
        ) : (
          !playback.loading && <p className="muted">No video yet: the dub has not rendered.</p>
        )}
      </div>
      {outcome &&
        (outcome.ok ? (
          <StatusNotice>{outcome.sentence}</StatusNotice>
        ) : (
          <p role="alert" className="notice notice-error">
            {outcome.sentence}
          </p>
        ))}
      {isReviewer(user.role) && (
        <RerenderPanel
          jobId={job.id}
          options={job.options}
          speakers={speakersOf(segments)}
          voices={engines.data?.tts.voices ?? []}
          defaultVoice={engines.data?.tts.default_voice}
          live={live}
          rendering={rendering}
          onStarted={(render) => {
            setOutcome(undefined);
            setAwaited(render);
            follow();
          }}
        />
      )}
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines{page.data ? ` (${page.data.total})` : ''}</h2>
        <ErrorNotice error={page.error} />
        {rendering && <p className="muted">A render is running: the lines can be edited again once it ends.</p>}
        {!isReviewer(user.role) && <p className="muted">You can watch and read the lines; editing them needs the editor role.</p>}
        {page.data && <LineList jobId={job.id} segments={segments} seconds={seconds} editable={editable} voices={engines.data?.tts.voices ?? []} language={String((job.options as { target_language?: unknown }).target_language ?? '')} onSeek={seek} onChanged={changed} />}
        {page.loading && !page.data && <p role="status">Loading the lines…</p>}
      </section>
    </section>
  );
}
