import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { OutputMedia } from './output-media';

type Item = Reply<'/api/gallery', 'get'>['items'][number];

const byLine = (item: Item) => (item.display_name ? `by ${item.display_name}` : 'by someone who shows no name');

/** One item large, in a modal dialog (Escape and the close button end it; focus returns to the grid). */
function Lightbox({ item, onClose }: { item: Item; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="lightbox" aria-label={`Picture ${byLine(item)}`} onClose={onClose}>
      <OutputMedia src={item.file_url} format={item.format} alt={`A generated ${item.kind === 'video' ? 'clip' : 'picture'} ${byLine(item)}`} />
      <p>
        {byLine(item)}
        {item.mine && `, yours (${item.mine.hidden ? 'hidden by an admin' : item.mine.visibility})`}
      </p>
      <button type="button" onClick={() => dialog.current?.close()}>
        Close
      </button>
    </dialog>
  );
}

/** The gallery: what people published, for anyone; signed in, your own private items too. */
export default function GalleryPage() {
  const gallery = useApiData(async () => unwrap(await api.GET('/api/gallery', { params: { query: { limit: 48 } } })), []);
  const [open, setOpen] = useState<Item>();
  return (
    <section>
      <h1>Gallery</h1>
      <ErrorNotice error={gallery.error} />
      {gallery.data && gallery.data.items.length === 0 && <p>Nothing published yet.</p>}
      <ul className="gallery-grid">
        {gallery.data?.items.map((item) => (
          <li key={item.id}>
            <button type="button" className="thumb" onClick={() => setOpen(item)} aria-label={`Open the ${item.kind === 'video' ? 'clip' : 'picture'} ${byLine(item)}`}>
              <OutputMedia src={item.file_url} format={item.format} alt="" thumbnail />
            </button>
            <p className="hint">
              {byLine(item)}
              {item.mine && ` · ${item.mine.visibility === 'public' ? 'public' : 'private'}`}
            </p>
          </li>
        ))}
      </ul>
      {open && <Lightbox item={open} onClose={() => setOpen(undefined)} />}
    </section>
  );
}
