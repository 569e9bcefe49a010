import { Type } from 'typebox';
import { HLS_FILE_PATTERN } from './playlist-rewrite.js';

export const HlsParams = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.String({ pattern: HLS_FILE_PATTERN, maxLength: 128, description: 'A file of the HLS package: hls.m3u8 (master) or hls-*.m3u8|ts|vtt.' }),
  },
  { additionalProperties: false },
);

const Url = Type.String({ description: 'A signed URL: opens without a cookie or header (players, VLC), until expires_at, and dies with this session or key.' });

export const PlaybackReply = Type.Object({
  job_id: Type.String(),
  revision: Type.String({ description: 'Changes exactly when the files played change (a re-render): a player keeps playing while it stays the same, though the signed URLs are new on every reply.' }),
  expires_at: Type.String({ format: 'date-time', description: 'When every URL here stops working: twice the video\'s length (4 hours when unknown), at least 1 hour, at most 24.' }),
  sources: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('hls'), Type.Literal('mp4'), Type.Literal('master')], { description: 'hls: the HLS master playlist (every audio track and the subtitles); mp4: the video for phones; master: dubbed.mp4, the full-quality file.' }),
      name: Type.String({ description: 'The artifact, e.g. hls.m3u8, mobile.mp4, dubbed.mp4.' }),
      type: Type.String({ description: 'Its media type.' }),
      url: Url,
    }),
    { description: 'Best first for the caller\'s browser (HLS first for Safari on iOS, MP4 first elsewhere); a player falls back to the next.' },
  ),
  subtitles: Type.Array(Type.Object({ language: Type.String({ description: 'BCP 47, e.g. en or pt-BR.' }), name: Type.String(), url: Url })),
  vlc_url: Type.String({ description: 'Opens the first source in VLC (iOS, desktop).' }),
  android_intent_url: Type.String({ description: 'Opens the first source in VLC for Android, or in the browser when VLC is not installed.' }),
  page_url: Type.String({ description: 'The job\'s page: the link to share (it carries no credential).' }),
});
