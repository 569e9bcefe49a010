import { type PlaybackSource } from './playback-types';

/** One audio or subtitle track as the player's selects offer it. */
export interface TrackChoice {
  readonly id: number;
  readonly label: string;
}

/** A source attached to the <video>, with its tracks; `destroy` detaches it. */
export interface MediaAttachment {
  audioTracks(): TrackChoice[];
  selectedAudio(): number;
  selectAudio(id: number): void;
  subtitleTracks(): TrackChoice[];
  /** -1: subtitles off. */
  selectedSubtitle(): number;
  selectSubtitle(id: number): void;
  destroy(): void;
}

export interface AttachmentEvents {
  /** The source cannot be played: the player moves on to the next one. */
  failed(): void;
  /** Tracks appeared, or the selection changed. */
  tracksChanged(): void;
}

/** The list of audio tracks Safari (and Chromium behind a flag) expose; the DOM types do not have it yet. */
interface AudioTrackLike {
  readonly label: string;
  readonly language: string;
  enabled: boolean;
}
interface AudioTrackListLike extends EventTarget {
  readonly length: number;
  readonly [index: number]: AudioTrackLike;
}

const trackLabel = (label: string, language: string, index: number) => label || language || `Track ${index + 1}`;

function subtitleTracksOf(video: HTMLVideoElement): TextTrack[] {
  return Array.from(video.textTracks).filter((track) => track.kind === 'subtitles' || track.kind === 'captions');
}

/**
 * The browser plays the source itself (MP4 anywhere, HLS in Safari): audio
 * tracks through `video.audioTracks` where it exists, subtitles through the
 * video's text tracks (the <track> elements, or the playlist's own in Safari).
 */
export function attachNative(video: HTMLVideoElement, source: PlaybackSource, on: AttachmentEvents): MediaAttachment {
  const audio = (video as HTMLVideoElement & { audioTracks?: AudioTrackListLike }).audioTracks;
  const failed = () => on.failed();
  const changed = () => on.tracksChanged();
  video.addEventListener('error', failed);
  video.textTracks.addEventListener('addtrack', changed);
  video.textTracks.addEventListener('change', changed);
  audio?.addEventListener('addtrack', changed);
  audio?.addEventListener('change', changed);
  video.src = source.url;
  return {
    audioTracks: () => (audio ? Array.from({ length: audio.length }, (_, id) => ({ id, label: trackLabel(audio[id]!.label, audio[id]!.language, id) })) : []),
    selectedAudio: () => (audio ? Array.from({ length: audio.length }, (_, id) => audio[id]!.enabled).indexOf(true) : -1),
    selectAudio(id) {
      // Enabling one and disabling the rest: a media element plays every enabled audio track mixed together.
      for (let index = 0; audio && index < audio.length; index++) audio[index]!.enabled = index === id;
    },
    subtitleTracks: () => subtitleTracksOf(video).map((track, id) => ({ id, label: trackLabel(track.label, track.language, id) })),
    selectedSubtitle: () => subtitleTracksOf(video).findIndex((track) => track.mode === 'showing'),
    selectSubtitle(id) {
      subtitleTracksOf(video).forEach((track, index) => (track.mode = index === id ? 'showing' : 'disabled'));
    },
    destroy() {
      video.removeEventListener('error', failed);
      video.textTracks.removeEventListener('addtrack', changed);
      video.textTracks.removeEventListener('change', changed);
      audio?.removeEventListener('addtrack', changed);
      audio?.removeEventListener('change', changed);
      video.removeAttribute('src');
      video.load();
    },
  };
}

/**
 * HLS through hls.js, for browsers without native HLS (all but Safari). It is
 * imported here, on first need, so it is its own chunk and never weighs on
 * the app's first load. Its transmuxing worker stays off: the worker would be
 * started from a blob: URL, which the CSP's script-src does not allow (only
 * media-src has blob:, for the MediaSource object URL), and a dub's segments
 * are small enough to transmux on the main thread.
 */
export async function attachHls(video: HTMLVideoElement, source: PlaybackSource, on: AttachmentEvents): Promise<MediaAttachment> {
  const { default: Hls } = await import('hls.js');
  if (!Hls.isSupported()) throw new Error('this browser has no Media Source Extensions');
  const hls = new Hls({ enableWorker: false });
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.fatal) on.failed();
  });
  for (const event of [Hls.Events.AUDIO_TRACKS_UPDATED, Hls.Events.AUDIO_TRACK_SWITCHED, Hls.Events.SUBTITLE_TRACKS_UPDATED, Hls.Events.SUBTITLE_TRACK_SWITCH] as const) {
    hls.on(event, () => on.tracksChanged());
  }
  hls.subtitleDisplay = true;
  hls.loadSource(source.url);
  hls.attachMedia(video);
  return {
    audioTracks: () => hls.audioTracks.map((track, id) => ({ id, label: trackLabel(track.name, track.lang ?? '', id) })),
    selectedAudio: () => hls.audioTrack,
    selectAudio(id) {
      hls.audioTrack = id;
    },
    subtitleTracks: () => hls.subtitleTracks.map((track, id) => ({ id, label: trackLabel(track.name, track.lang ?? '', id) })),
    selectedSubtitle: () => hls.subtitleTrack,
    selectSubtitle(id) {
      hls.subtitleTrack = id;
    },
    destroy() {
      hls.destroy();
      video.removeAttribute('src');
      video.load();
    },
  };
}
