import { Link } from 'react-router';
import { ErrorNotice } from '../../components/form';
import { Player } from '../../components/player/player';
import { useJobPlayback } from '../../components/player/use-job-playback';

/** The job's video once it has one, and for a dub the way to its review. */
export function JobPlayer({ jobId, version, reviewable }: { jobId: string; version: number; reviewable: boolean }) {
  const playback = useJobPlayback(jobId, version);
  const hasVideo = (playback.data?.sources.length ?? 0) > 0;
  if (!hasVideo && !reviewable) return <ErrorNotice error={playback.error} />;
  return (
    <section aria-labelledby="watch-heading" className="stack">
      <h2 id="watch-heading">Watch</h2>
      <ErrorNotice error={playback.error} />
      {playback.data && hasVideo && <Player playback={playback.data} label="Dubbed video" />}
      {reviewable && (
        <p>
          <Link to={`/jobs/${encodeURIComponent(jobId)}/review`}>Review lines</Link>
        </p>
      )}
    </section>
  );
}
