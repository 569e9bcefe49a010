import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { useApiData } from '../use-api-data';
import { NO_PLAYBACK, playbackForPage } from './playback-for-page';

/** Answers that mean "no video here (yet)", not a failure to show. */
const NOTHING = new Set(['nothing_to_play', 'not_a_dub']);

/**
 * A job's playback, for the player: GET /api/jobs/:id/playback (sources in
 * the order that suits this browser, each with a signed URL, the subtitles,
 * the VLC and Android links, the page's own address). `version` reloads it
 * (a stage finished, a re-render ended).
 */
export function useJobPlayback(jobId: string, version: number) {
  return useApiData(async () => {
    try {
      return playbackForPage(unwrap(await api.GET('/api/jobs/{id}/playback', { params: { path: { id: jobId } } })));
    } catch (error) {
      if (error instanceof ApiError && NOTHING.has(error.code)) return NO_PLAYBACK;
      throw error;
    }
  }, [jobId, version]);
}
