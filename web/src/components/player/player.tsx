import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { SelectField } from '../form';
import { attachHls, attachNative, type MediaAttachment, type TrackChoice } from './media-attachment';
import { PlaybackLinks } from './playback-links';
import { HLS_TYPE, isHls, type Playback } from './playback-types';

interface Tracks {
  readonly audio: readonly TrackChoice[];
  readonly audioSelected: number;
  readonly subtitles: readonly TrackChoice[];
  readonly subtitleSelected: number;
}
const NO_TRACKS: Tracks = { audio: [], audioSelected: -1, subtitles: [], subtitleSelected: -1 };

/**
 * The video player of the job and review pages. It plays the first source it
 * can: HLS natively where the browser can (Safari), else through hls.js
 * (loaded on first need), MP4 natively; a source that fails hands over to the
 * next. Audio (the dub or the original) and subtitles are chosen in labelled
 * selects rather than the browser's own menus, which differ or are missing
 * (Chromium has no audio track menu). `videoRef` lets a page seek it.
 */
export function Player({
  playback,
  label,
  videoRef,
  onTimeUpdate,
  links = true,
}: {
  playback: Playback;
  label: string;
  videoRef?: RefObject<HTMLVideoElement | null>;
  onTimeUpdate?(seconds: number): void;
  /** Off where space is short (the review page keeps the video in view). */
  links?: boolean;
}) {
  const ownRef = useRef<HTMLVideoElement>(null);
  const video = videoRef ?? ownRef;
  const { sources } = playback;
  // The source being tried, reset to the first whenever the list changes (a re-render made new files).
  const [attempt, setAttempt] = useState({ sources, index: 0 });
  if (attempt.sources !== sources) setAttempt({ sources, index: 0 });
  const index = attempt.sources === sources ? attempt.index : 0;
  const source = sources[index];
  const attachment = useRef<MediaAttachment>(undefined);
  const [tracks, setTracks] = useState<Tracks>(NO_TRACKS);

  const readTracks = useCallback(() => {
    const current = attachment.current;
    setTracks(current ? { audio: current.audioTracks(), audioSelected: current.selectedAudio(), subtitles: current.subtitleTracks(), subtitleSelected: current.selectedSubtitle() } : NO_TRACKS);
  }, []);

  useEffect(() => {
    const element = video.current;
    if (!element || !source) return;
    let active = true;
    const events = {
      failed: () => active && setAttempt((current) => (current.sources === sources ? { sources, index: current.index + 1 } : current)),
      tracksChanged: () => active && readTracks(),
    };
    const native = !isHls(source) || element.canPlayType(HLS_TYPE) !== '';
    const attached = native ? Promise.resolve(attachNative(element, source, events)) : attachHls(element, source, events);
    attached.then(
      (made) => {
        if (!active) return made.destroy();
        attachment.current = made;
        readTracks();
      },
      () => events.failed(),
    );
    return () => {
      active = false;
      attachment.current?.destroy();
      attachment.current = undefined;
      setTracks(NO_TRACKS);
    };
  }, [video, source, sources, readTracks]);

  const outOfSources = sources.length > 0 && !source;
  const ownTracks = source !== undefined && !isHls(source);
  return (
    <div className="player-box">
      <video ref={video} className="player" controls playsInline preload="metadata" aria-label={label} onTimeUpdate={(event) => onTimeUpdate?.(event.currentTarget.currentTime)}>
        {ownTracks &&
          playback.subtitles.map((track, position) => (
            <track key={track.url} kind="subtitles" src={track.url} srcLang={track.language} label={`Subtitles (${track.language})`} default={position === 0} />
          ))}
      </video>
      {outOfSources && (
        <p role="alert" className="notice notice-error">
          This browser cannot play this video. Download it from the files below.
        </p>
      )}
      {(tracks.audio.length > 1 || tracks.subtitles.length > 0) && (
        <div className="player-tracks">
          {tracks.audio.length > 1 && (
            <SelectField label="Audio" value={String(tracks.audioSelected)} onChange={(event) => {
                attachment.current?.selectAudio(Number(event.target.value));
                readTracks();
              }} options={tracks.audio.map((track) => ({ value: String(track.id), label: track.label }))} />
          )}
          {tracks.subtitles.length > 0 && (
            <SelectField
              label="Subtitles"
              value={String(tracks.subtitleSelected)}
              onChange={(event) => {
                attachment.current?.selectSubtitle(Number(event.target.value));
                readTracks();
              }}
              options={tracks.subtitles.map((track) => ({ value: String(track.id), label: track.label }))}
            >
              <option value="-1">Off</option>
            </SelectField>
          )}
        </div>
      )}
      {links && <PlaybackLinks playback={playback} />}
    </div>
  );
}
