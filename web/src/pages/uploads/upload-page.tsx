import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { DropZone } from './drop-zone';
import { RecentUploads } from './recent-uploads';
import { ServerFiles } from './server-files';
import { UploadItem } from './upload-item';
import { useUploadQueue } from './upload-queue';
import { formatBytes } from './format';
import { acceptedExtensions, type UploadLimits } from './upload-rules';
import { useUploads } from './use-uploads';

const KIND_LABELS: Readonly<Record<string, string>> = { video: 'Videos', image: 'Images', audio: 'Audio', subtitles: 'Subtitles', data: 'Data (JSON)' };

function LimitsSummary({ limits }: { limits: UploadLimits }) {
  return (
    <details className="limits">
      <summary>What this server accepts</summary>
      <ul>
        {limits.kinds.map((kind) => (
          <li key={kind.kind}>
            {KIND_LABELS[kind.kind] ?? kind.kind}: {kind.extensions.join(', ')}, up to {formatBytes(kind.max_bytes)}
            {kind.kind === 'video' && ` and ${Math.floor(limits.max_video_seconds / 60)} minutes`}
            {kind.kind === 'audio' && ` and ${Math.floor(limits.max_audio_seconds / 60)} minutes`}.
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Uploads: send videos, subtitles and images (resumable, with pause, resume
 * and cancel), see each checked and accepted or rejected with the reason,
 * import from the server's folders when allowed, and the uploads so far.
 */
export default function UploadPage() {
  const limits = useApiData(async () => unwrap(await api.GET('/api/uploads/limits')), []);
  const recent = useUploads();
  const queue = useUploadQueue(limits.data, () => void recent.reload());

  return (
    <section>
      <h1>Uploads</h1>
      <p>Videos to dub, subtitles to import, artwork. An interrupted upload continues where it stopped: pick the same file again, even after a reload.</p>
      <ErrorNotice error={limits.error} />
      {limits.data && (
        <>
          <LimitsSummary limits={limits.data} />
          <DropZone accept={acceptedExtensions(limits.data)} onFiles={queue.add} />
        </>
      )}
      {queue.items.length > 0 && (
        <section aria-labelledby="this-visit">
          <h2 id="this-visit">Sending now</h2>
          <ul className="upload-items">
            {queue.items.map((item) => (
              <UploadItem key={item.key} item={item} actions={queue} />
            ))}
          </ul>
        </section>
      )}
      <ServerFiles onImported={queue.follow} />
      <RecentUploads list={recent} />
    </section>
  );
}
