import { type DragEvent, useId, useState } from 'react';

/**
 * Where files are dropped or picked. The picker is a real file input (its
 * label looks like a button), so it is reached with Tab and opened with
 * Enter or Space, and a screen reader announces it as what it is.
 */
export function DropZone({ accept, onFiles }: { accept: string; onFiles: (files: File[]) => void }) {
  const id = useId();
  const [over, setOver] = useState(false);

  function dropped(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    if (event.dataTransfer.files.length > 0) onFiles([...event.dataTransfer.files]);
  }

  return (
    <div
      className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={dropped}
    >
      <input
        id={id}
        className="visually-hidden"
        type="file"
        multiple
        accept={accept}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          if (event.target.files) onFiles([...event.target.files]);
          // The same file can be picked again (to resume it after a pause or a reload).
          event.target.value = '';
        }}
      />
      <label htmlFor={id} className="button">
        Choose files to upload
      </label>
      <p id={`${id}-hint`} className="muted">
        or drop them here. Several at once are fine.
      </p>
    </div>
  );
}
