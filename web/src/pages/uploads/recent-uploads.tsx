import { ErrorNotice } from '../../components/form';
import { MediaFactsList } from './media-facts';
import { describeRejection } from './rejection-reasons';
import { formatBytes } from './format';
import type { UploadView } from './upload-rules';
import type { useUploads } from './use-uploads';

const STATUS_TEXT: Readonly<Record<UploadView['status'], string>> = {
  receiving: 'Not finished: pick the same file again to continue it',
  validating: 'Being checked',
  accepted: 'Accepted',
  rejected: 'Rejected',
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The person's uploads as the server has them, newest first. */
export function RecentUploads({ list }: { list: ReturnType<typeof useUploads> }) {
  return (
    <section aria-labelledby="recent-uploads">
      <h2 id="recent-uploads">Your uploads</h2>
      <ErrorNotice error={list.error} />
      {!list.loading && !list.error && list.uploads.length === 0 && <p className="muted">Nothing uploaded yet.</p>}
      <ul className="cards upload-list">
        {list.uploads.map((upload) => (
          <li key={upload.id}>
            <h3 className="upload-name">{upload.filename}</h3>
            <p>
              {upload.kind}, {formatBytes(upload.size)}, <time dateTime={upload.created_at}>{dateFormat.format(new Date(upload.created_at))}</time>
            </p>
            <p className={`upload-status upload-status-${upload.status}`}>{STATUS_TEXT[upload.status]}.</p>
            {upload.status === 'rejected' && <p>{describeRejection(upload.reason)}</p>}
            {upload.status === 'accepted' && <MediaFactsList media={upload.media} />}
          </li>
        ))}
      </ul>
      {list.hasMore && (
        <button type="button" className="secondary" disabled={list.loading} onClick={() => void list.more()}>
          Show older uploads
        </button>
      )}
    </section>
  );
}
