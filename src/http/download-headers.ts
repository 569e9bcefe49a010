import contentDisposition from 'content-disposition';
import { sanitiseFilename } from '../uploads/kinds.js';

/**
 * Headers for sending a stored file to a browser or player: an RFC 6266
 * Content-Disposition with a sanitised name (an ASCII fallback plus the
 * RFC 8187 UTF-8 form, built by the content-disposition library), no MIME
 * sniffing, and a CSP that sandboxes the response, so an HTML or SVG file
 * opened directly can run nothing in Sakuga's origin.
 */
export function downloadHeaders(filename: string, options: { inline?: boolean } = {}): Record<string, string> {
  return {
    'content-disposition': contentDisposition(sanitiseFilename(filename), { type: options.inline ? 'inline' : 'attachment' }),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; media-src 'self'; img-src 'self'; sandbox",
  };
}
