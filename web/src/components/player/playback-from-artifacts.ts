import type { Playback } from './playback-types';

const VTT = /^subtitles\.([A-Za-z0-9-]{2,35})\.vtt$/;

/** The same-origin URL of one artifact: it answers Range requests, so the player seeks without loading the whole file. */
export const artifactUrl = (jobId: string, name: string): string => `/api/jobs/${encodeURIComponent(jobId)}/artifacts/${encodeURIComponent(name)}`;

/**
 * What the player can play from a job's artifact list: `dubbed.mp4` as the one
 * source and each `subtitles.<lang>.vtt` as a subtitle track (SRT is for
 * download only; browsers read WebVTT). `pageUrl` is the job page, the only
 * link offered for copying: artifact URLs need the person's session, and a
 * signed one must never end up in a shared message.
 */
export function playbackFromArtifacts(jobId: string, artifacts: ReadonlyArray<{ readonly name: string }>, pageUrl?: string): Playback {
  const names = new Set(artifacts.map((artifact) => artifact.name));
  return {
    sources: names.has('dubbed.mp4') ? [{ kind: 'mp4', name: 'dubbed.mp4', type: 'video/mp4', url: artifactUrl(jobId, 'dubbed.mp4') }] : [],
    subtitles: artifacts.flatMap((artifact) => {
      const language = VTT.exec(artifact.name)?.[1];
      return language ? [{ language, name: artifact.name, url: artifactUrl(jobId, artifact.name) }] : [];
    }),
    ...(pageUrl && { page_url: pageUrl }),
  };
}
