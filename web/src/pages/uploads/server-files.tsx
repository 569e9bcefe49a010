import { useState } from 'react';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { formatBytes } from './format';
import type { UploadView } from './upload-rules';

/** A path inside a listed folder (the server resolves and checks it again). */
function childPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function parentOf(dir: string, roots: readonly string[]): string | undefined {
  if (roots.includes(dir)) return undefined;
  const cut = dir.lastIndexOf('/');
  return cut <= 0 ? '/' : dir.slice(0, cut);
}

/**
 * The server file picker: media in the folders the admin allowed
 * (FILE_PICKER_ROOTS). A picked file is copied in and validated like an
 * upload. Shown only when the server has the picker on.
 */
export function ServerFiles({ onImported }: { onImported: (upload: UploadView) => void }) {
  const [dir, setDir] = useState<string>();
  const [importError, setImportError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const roots = useApiData(async () => unwrap(await api.GET('/api/files')).entries.map((entry) => entry.name), []);
  const listing = useApiData(async () => (dir === undefined ? undefined : unwrap(await api.GET('/api/files', { params: { query: { dir } } }))), [dir]);

  if (roots.error instanceof ApiError && roots.error.code === 'file_picker_disabled') return null;
  if (roots.loading && !roots.data) return null;

  async function importFile(path: string) {
    setBusy(true);
    setImportError(undefined);
    try {
      onImported(unwrap(await api.POST('/api/files/import', { body: { path } })));
    } catch (error) {
      setImportError(error);
    } finally {
      setBusy(false);
    }
  }

  const parent = dir === undefined ? undefined : parentOf(dir, roots.data ?? []);
  return (
    <section aria-labelledby="server-files">
      <h2 id="server-files">Files on the server</h2>
      <p className="muted">Use a file already on the server&apos;s disk instead of sending it from this device.</p>
      <ErrorNotice error={roots.error ?? listing.error ?? importError} />
      {dir === undefined ? (
        <ul className="file-list">
          {(roots.data ?? []).map((root) => (
            <li key={root}>
              <button type="button" className="secondary" onClick={() => setDir(root)}>
                <span className="visually-hidden">Open folder </span>
                <span className="mono">{root}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <>
          <p>
            Folder <span className="mono">{dir}</span>
          </p>
          <div className="row">
            <button type="button" className="link-button" onClick={() => setDir(parent)}>
              {parent === undefined ? 'All allowed folders' : 'Up one folder'}
            </button>
          </div>
          {listing.data && listing.data.entries.length === 0 && <p className="muted">No folders or media files here.</p>}
          <ul className="file-list">
            {(listing.data?.entries ?? []).map((entry) => (
              <li key={entry.name}>
                {entry.type === 'dir' ? (
                  <button type="button" className="secondary" onClick={() => setDir(childPath(dir, entry.name))}>
                    <span className="visually-hidden">Open folder </span>
                    {entry.name}/
                  </button>
                ) : (
                  <>
                    <span className="file-name">
                      {entry.name} <span className="muted">({entry.kind}, {formatBytes(entry.size ?? 0)})</span>
                    </span>
                    <button type="button" disabled={busy} onClick={() => void importFile(childPath(dir, entry.name))}>
                      Import<span className="visually-hidden"> {entry.name}</span>
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
