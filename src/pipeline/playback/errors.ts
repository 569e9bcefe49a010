import { defineErrors } from '../../http/app-error.js';

/** The codes of a dub's playback: its sources and its HLS package. */
export const playbackErrors = defineErrors({
  nothing_to_play: { status: 409, message: 'This dub has nothing to play yet: it has no finished video (still rendering, or it failed).' },
  playlist_invalid: { status: 500, message: 'This playlist names a file that is not part of the dub\'s HLS package, so it is not served.' },
});
