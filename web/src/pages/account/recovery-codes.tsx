import { useEffect, useRef, useState } from 'react';
import { useSession } from '../../session/session';
import { recoveryCodesFile } from './account-format';

/**
 * Recovery codes, shown this once: a list to copy, a text file to download
 * (a Blob URL, which the CSP allows), and a step the person confirms before
 * the codes leave the screen for good.
 */
export function RecoveryCodes({ codes, onSaved }: { codes: readonly string[]; onSaved: () => void }) {
  const { user } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const [href, setHref] = useState<string>();

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    const file = new Blob([recoveryCodesFile(codes, user?.username ?? 'this account', window.location.origin)], { type: 'text/plain' });
    const url = URL.createObjectURL(file);
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [codes, user?.username]);

  return (
    <div className="stack">
      <h3 ref={heading} tabIndex={-1}>
        Your recovery codes
      </h3>
      <p>
        Each code signs you in once if you lose your authenticator app. They are shown only now: download them or write them down, and keep them
        private.
      </p>
      <ol className="recovery-codes mono" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="row">
        {href && (
          <a className="button secondary" href={href} download="sakuga-recovery-codes.txt">
            Download the codes
          </a>
        )}
        <button type="button" onClick={onSaved}>
          I have saved them
        </button>
      </div>
    </div>
  );
}
