import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useApiData } from '../use-api-data';
import { playbackFromArtifacts } from './playback-from-artifacts';

/**
 * A job's playback, for the player. The one place that knows where it comes
 * from: the artifact list today; GET /api/jobs/:id/playback replaces this
 * function's body once that route is in the API types. `version` reloads it
 * (a stage finished, a re-render ended).
 */
export function useJobPlayback(jobId: string, version: number) {
  return useApiData(async () => {
    const { artifacts } = unwrap(await api.GET('/api/jobs/{id}/artifacts', { params: { path: { id: jobId } } }));
    return playbackFromArtifacts(jobId, artifacts, `${window.location.origin}/jobs/${encodeURIComponent(jobId)}`);
  }, [jobId, version]);
}
