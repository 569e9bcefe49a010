import type { Playback } from './playback-types';

/**
 * A URL of the playback reply as this page fetches it: the path and query
 * only. The server makes its URLs absolute for players outside the browser
 * (VLC, an Android intent), under PUBLIC_URL when one is set; the page may
 * have been opened at another address (the LAN, a tunnel), and the strict
 * CSP lets media come from this origin alone. A signed URL is bound to its
 * path, not to a host, so it works here as it is.
 */
export function sameOriginPath(url: string): string {
  const parsed = new URL(url, 'http://relative.invalid');
  return `${parsed.pathname}${parsed.search}`;
}

/** The playback reply with every media URL made same-origin; the links for other apps stay as they are. */
export function playbackForPage(reply: Playback): Playback {
  return {
    ...reply,
    sources: reply.sources.map((source) => ({ ...source, url: sameOriginPath(source.url) })),
    subtitles: reply.subtitles.map((subtitle) => ({ ...subtitle, url: sameOriginPath(subtitle.url) })),
  };
}

/** Nothing to play (yet): a dub still rendering, or a job that makes no video. */
export const NO_PLAYBACK: Playback = { sources: [], subtitles: [] };

/**
 * The playback to show after a fresh reply: the one already showing when it
 * plays the same files (a stage finished, the job ended), so a video that is
 * playing goes on instead of reloading from the reply's new signed URLs;
 * the fresh one when the files changed (a re-render) or there was none.
 */
export function keepPlaying(showing: Playback | undefined, fresh: Playback): Playback {
  return showing?.revision !== undefined && showing.revision === fresh.revision ? showing : fresh;
}
