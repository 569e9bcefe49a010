/**
 * Which player a User-Agent most likely is, for ordering a dub's sources.
 * Only a hint: every source works everywhere it can be played, and a wrong
 * guess costs a fallback, never access.
 */

const IOS_DEVICE = /\b(?:iPhone|iPad|iPod)\b/;
/** iPadOS asks for desktop pages as a Mac; its Safari still says Mobile/… and Safari/…. */
const IPADOS_AS_MAC = /\bMacintosh\b.*\bMobile\/\w+.*\bSafari\//;
/** Chrome, Firefox and Edge on iOS: WebKit inside, but they name themselves and get the everyone-else order. */
const OTHER_IOS_BROWSER = /\b(?:CriOS|FxiOS|EdgiOS)\//;

/**
 * Safari on iOS or iPadOS, which plays HLS natively (and MP4 less well:
 * no alternate audio); everyone else gets MP4 first, which plays without
 * hls.js.
 */
export function isIosSafari(userAgent: string | undefined): boolean {
  if (!userAgent) return false;
  return (IOS_DEVICE.test(userAgent) || IPADOS_AS_MAC.test(userAgent)) && !OTHER_IOS_BROWSER.test(userAgent);
}
