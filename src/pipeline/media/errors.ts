/**
 * The dub's media failures, one catalogue with stable snake_case codes. They
 * happen inside a job process, never in an HTTP handler, so they carry no
 * status: the stage that catches one records the code and fails the job.
 */
export const MEDIA_ERRORS = {
  wav_invalid: 'The file is not a readable RIFF WAV.',
  wav_unsupported: 'The WAV is not 16-bit PCM or 32-bit float, mono or stereo.',
  wav_too_large: 'The samples do not fit a 32-bit RIFF WAV.',
  wav_wrong_format: 'The WAV does not have the sample rate or channels this step needs.',
  fit_length_mismatch: 'A fitted clip is not within 2 % of the length its tempo should give.',
  loudness_unparsed: 'ffmpeg printed no loudness measurement that could be read.',
  source_unreadable: 'ffprobe found no video stream or duration in the source.',
  hls_segment_invalid: 'An HLS segment is not whole MPEG-TS packets that open with their PAT and PMT and an H.264 keyframe or AAC.',
  hls_video_unreadable: 'The HLS video carries no H.264 sequence parameter set that could be read.',
  hls_playlist_unreadable: 'A playlist ffmpeg wrote for the HLS package could not be read.',
  subtitles_invalid: 'The subtitles for the HLS package are not a WebVTT file.',
  measure_unparsed: 'ffmpeg printed no audio statistics, loudness summary or packet timestamps that could be read.',
} as const;

export type MediaErrorCode = keyof typeof MEDIA_ERRORS;

export class MediaWorkError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    /** For logs: may name a file of the job's work dir, never shown to a user as is. */
    readonly detail: string,
  ) {
    super(`${MEDIA_ERRORS[code]} (${detail})`);
    this.name = 'MediaWorkError';
  }
}

export function mediaError(code: MediaErrorCode, detail: string): MediaWorkError {
  return new MediaWorkError(code, detail);
}
