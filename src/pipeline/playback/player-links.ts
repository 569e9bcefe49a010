/**
 * Links that hand a video to a player app rather than the browser. Both
 * take an absolute (signed) URL, since the app has no cookie to send.
 */

const VLC_ANDROID = 'org.videolan.vlc';

/** VLC's URL scheme (iOS and desktop): `vlc://` followed by the whole URL. */
export function vlcUrl(url: string): string {
  return `vlc://${url}`;
}

/**
 * An Android intent URI (Chrome's `intent:` syntax, parsed by
 * `Intent.parseUri`): the data is `<scheme>://<host><path><query>`, to be
 * viewed as a video by VLC; a browser without VLC opens
 * `S.browser_fallback_url`, the same video, instead.
 */
export function androidIntentUrl(url: string): string {
  const parsed = new URL(url);
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') throw new RangeError('an intent link needs an http or https URL');
  return `intent://${parsed.host}${parsed.pathname}${parsed.search}#Intent;scheme=${scheme};type=video/*;package=${VLC_ANDROID};S.browser_fallback_url=${encodeURIComponent(url)};end`;
}
