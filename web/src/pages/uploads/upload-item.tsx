import { useId } from 'react';
import { ErrorNotice } from '../../components/form';
import { MediaFactsList } from './media-facts';
import { describeRejection } from './rejection-reasons';
import type { QueuedUpload } from './upload-queue';
import { formatBytes, percentOf } from './format';

const PHASE_TEXT: Readonly<Record<QueuedUpload['phase'], string>> = {
  refused: 'Not uploaded.',
  starting: 'Starting…',
  sending: 'Uploading…',
  paused: 'Paused. The server keeps what it has received.',
  validating: 'All bytes are in. Checking the file…',
  accepted: 'Accepted.',
  rejected: 'Rejected.',
  failed: 'The upload stopped.',
  cancelled: 'Cancelled. The server deleted what it had received.',
};

const SHOWS_PROGRESS = new Set<QueuedUpload['phase']>(['starting', 'sending', 'paused', 'validating', 'accepted', 'rejected', 'failed']);

export interface UploadActions {
  pause(key: string): void;
  resume(key: string): void;
  cancel(key: string): void;
  dismiss(key: string): void;
}

/** One file on its way: progress in bytes and percent, pause, resume and cancel, then the server's verdict. */
export function UploadItem({ item, actions }: { item: QueuedUpload; actions: UploadActions }) {
  const labelId = useId();
  const percent = percentOf(item.sent, item.size);
  const done = item.phase === 'accepted' || item.phase === 'rejected' || item.phase === 'refused' || item.phase === 'cancelled';
  return (
    <li className="upload-item">
      <h3 className="upload-name">{item.name}</h3>
      {SHOWS_PROGRESS.has(item.phase) && (
        <div className="upload-progress">
          <span id={labelId} className="visually-hidden">
            Upload of {item.name}
          </span>
          <progress aria-labelledby={labelId} max={item.size} value={item.sent} />
          <p className="muted">
            {percent}% · {formatBytes(item.sent)} of {formatBytes(item.size)}
          </p>
        </div>
      )}
      {item.resumedFrom !== undefined && <p className="muted">Resuming from {formatBytes(item.resumedFrom)}.</p>}
      <p role="status" className="upload-phase">
        {PHASE_TEXT[item.phase]}
      </p>
      {item.problem && (
        <p role="alert" className="notice notice-error">
          {item.problem}
        </p>
      )}
      {item.phase === 'rejected' && (
        <p role="alert" className="notice notice-error">
          {describeRejection(item.verdict?.reason)}
        </p>
      )}
      {item.phase === 'failed' && <ErrorNotice error={item.error} />}
      {item.phase === 'accepted' && <MediaFactsList media={item.verdict?.media} />}
      <div className="row">
        {item.phase === 'sending' && (
          <button type="button" className="secondary" onClick={() => actions.pause(item.key)}>
            Pause<span className="visually-hidden"> {item.name}</span>
          </button>
        )}
        {(item.phase === 'paused' || item.phase === 'failed') && (
          <button type="button" onClick={() => actions.resume(item.key)}>
            {item.phase === 'paused' ? 'Resume' : 'Try again'}
            <span className="visually-hidden"> {item.name}</span>
          </button>
        )}
        {(item.phase === 'starting' || item.phase === 'sending' || item.phase === 'paused' || item.phase === 'failed') && (
          <button type="button" className="danger" onClick={() => actions.cancel(item.key)}>
            Cancel<span className="visually-hidden"> {item.name}</span>
          </button>
        )}
        {done && (
          <button type="button" className="link-button" onClick={() => actions.dismiss(item.key)}>
            Dismiss<span className="visually-hidden"> {item.name}</span>
          </button>
        )}
      </div>
    </li>
  );
}
