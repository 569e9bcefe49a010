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
