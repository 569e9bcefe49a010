import { useRef, useState } from 'react';
import type { Playback } from './playback-types';

const isAndroid = () => /\bAndroid\b/.test(navigator.userAgent);

/**
 * "Open in VLC" (and, on Android, the intent that offers any player app),
 * and "Copy link", each only when the playback carries its address. The copied
 * link is the job page's: whoever opens it signs in, so a message it ends up
 * in grants nothing (a signed media URL would, until it expires).
 */
export function PlaybackLinks({ playback }: { playback: Playback }) {
  const [copied, setCopied] = useState<'yes' | 'by-hand'>();
  const field = useRef<HTMLInputElement>(null);
  const { vlc_url: vlcUrl, android_intent_url: intentUrl, page_url: pageUrl } = playback;
  if (!vlcUrl && !intentUrl && !pageUrl) return null;

  async function copy(url: string) {
    try {
      // Absent outside secure contexts (a plain-HTTP LAN address): then the link is shown to copy by hand.
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('by-hand');
      requestAnimationFrame(() => field.current?.select());
    }
  }

  return (
    <div className="stack">
      <div className="row">
        {vlcUrl && (
          <a className="button secondary" href={vlcUrl}>
            Open in VLC
          </a>
        )}
        {intentUrl && isAndroid() && (
          <a className="button secondary" href={intentUrl}>
            Open in another app
          </a>
        )}
        {pageUrl && (
          <button type="button" className="secondary" onClick={() => void copy(pageUrl)}>
            Copy link
          </button>
        )}
      </div>
      <p role="status" className="hint">
        {copied === 'yes' && 'Link copied. Whoever opens it signs in to watch.'}
      </p>
      {copied === 'by-hand' && pageUrl && (
        <div className="field">
          <label htmlFor="page-link">This browser cannot copy here; copy the link yourself</label>
          <input id="page-link" ref={field} readOnly value={pageUrl} />
        </div>
      )}
    </div>
  );
}
