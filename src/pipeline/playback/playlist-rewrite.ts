import { AppError } from '../../http/app-error.js';
import { playbackErrors } from './errors.js';

/**
 * The names the HLS route serves: the master `hls.m3u8` and the package's
 * `hls-*.m3u8|ts|vtt` (see `hlsNames` in media/hls.ts), flat names only.
 */
export const HLS_FILE_PATTERN = '^hls(?:\\.m3u8|-[A-Za-z0-9][A-Za-z0-9._-]{0,100}\\.(?:m3u8|ts|vtt))$';
export const HLS_FILE = new RegExp(HLS_FILE_PATTERN);

/** RFC 8216 §4.2: a quoted URI attribute in a tag's attribute list (EXT-X-MEDIA, EXT-X-MAP, EXT-X-KEY…). */
const URI_ATTRIBUTE = /(^|[:,])URI="([^"\r\n]*)"/g;

/**
 * A playlist as it may be served: every URI it names (a URI line or a
 * `URI="…"` attribute, RFC 8216 §4.1) must be one of `allowed` exactly, a
 * flat file name of the same package, and is replaced by `resolve(name)`
 * when given (a signed URL, for players that cannot send a cookie). A URI
 * that is anything else, an absolute URL, a path, a name with a query, a
 * file the package does not have, means the stored playlist is not what
 * the package stage wrote: it is refused rather than handed to a player
 * that would follow it.
 */
export function rewritePlaylist(text: string, allowed: ReadonlySet<string>, resolve?: (name: string) => string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '#EXTM3U') throw new AppError(playbackErrors.playlist_invalid);
  const checked = (uri: string): string => {
    if (!allowed.has(uri) || !HLS_FILE.test(uri)) throw new AppError(playbackErrors.playlist_invalid);
    return resolve ? resolve(uri) : uri;
  };
  const rewritten = lines.map((line) => {
    const trimmed = line.trim();
    if (trimmed === '') return line;
    if (!trimmed.startsWith('#')) return checked(trimmed);
    // A tag line with an unquoted or unusual URI form is refused too: only the quoted form is legal.
    if (/\bURI=(?!")/.test(trimmed)) throw new AppError(playbackErrors.playlist_invalid);
    return trimmed.replace(URI_ATTRIBUTE, (_match, lead: string, uri: string) => `${lead}URI="${checked(uri)}"`);
  });
  return rewritten.join('\n');
}
