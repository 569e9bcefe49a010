/**
 * What the player plays: GET /api/jobs/:id/playback's reply (snake_case as
 * on the wire), its media URLs made same-origin by playback-for-page.ts.
 */

/** `hls`: the HLS package's master playlist; `mp4`: the video for phones (mobile.mp4, or dubbed.mp4 when it is fit); `master`: dubbed.mp4, the full-quality file. */
export type PlaybackSourceKind = 'hls' | 'mp4' | 'master';

export interface PlaybackSource {
  readonly kind: PlaybackSourceKind;
  readonly name: string;
  /** The media type, e.g. video/mp4 or application/vnd.apple.mpegurl. */
  readonly type: string;
  readonly url: string;
}

export interface PlaybackSubtitle {
  /** A BCP 47 tag, e.g. en or pt-BR. */
  readonly language: string;
  readonly name: string;
  readonly url: string;
}

export interface Playback {
  /** Changes exactly when the files played change; absent for nothing to play. */
  readonly revision?: string;
  /** In order of preference: the player falls back to the next one when a source fails. */
  readonly sources: readonly PlaybackSource[];
  readonly subtitles: readonly PlaybackSubtitle[];
  /** A `vlc://` link for the VLC app; absent when the server gave none. */
  readonly vlc_url?: string | null;
  /** An Android `intent:` link that opens the video in a player app. */
  readonly android_intent_url?: string | null;
  /** The job page's own address, which is what "Copy link" copies (never a signed media URL). */
  readonly page_url?: string | null;
}

/** HLS needs Media Source Extensions (hls.js) wherever the browser does not play it natively. */
export const HLS_TYPE = 'application/vnd.apple.mpegurl';

export const isHls = (source: PlaybackSource): boolean => source.kind === 'hls' || source.type === HLS_TYPE;
