import { useRef } from 'react';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { useApiData } from '../use-api-data';
import { keepPlaying, NO_PLAYBACK, playbackForPage } from './playback-for-page';
import type { Playback } from './playback-types';

/** Answers that mean "no video here (yet)", not a failure to show. */
const NOTHING = new Set(['nothing_to_play', 'not_a_dub']);

/**
 * A job's playback, for the player: GET /api/jobs/:id/playback (sources in
 * the order that suits this browser, each with a signed URL, the subtitles,
 * the VLC and Android links, the page's own address). `version` reloads it
 * (a stage finished, a re-render ended); a reply that plays the same files
 * as the one shown keeps the one shown, so the player does not restart.
 */
export function useJobPlayback(jobId: string, version: number) {
  const showing = useRef<Playback>(undefined);
  return useApiData(async () => {
    try {
      const fresh = playbackForPage(unwrap(await api.GET('/api/jobs/{id}/playback', { params: { path: { id: jobId } } })));
      showing.current = keepPlaying(showing.current, fresh);
      return showing.current;
    } catch (error) {
      if (error instanceof ApiError && NOTHING.has(error.code)) return NO_PLAYBACK;
      throw error;
    }
  }, [jobId, version]);
}
