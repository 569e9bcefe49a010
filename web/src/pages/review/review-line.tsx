import { type Ref, useRef, useState } from 'react';
import type { Voice } from '../jobs/dub-form';
import { LineEditor } from './line-editor';
import { formatClock } from './line-timing';
import type { Segment } from './segment-paging';

export interface ReviewLineProps {
  readonly jobId: string;
  readonly segment: Segment;
  readonly number: number;
  readonly previousId: string | undefined;
  /** Being spoken now, in the player. */
  readonly active: boolean;
  readonly editable: boolean;
  readonly voices: readonly Voice[];
  readonly language: string;
  onSeek(segment: Segment): void;
  onChanged(segment: Segment): void;
  /** The list scrolls the spoken line into view through it. */
  readonly lineRef?: Ref<HTMLLIElement>;
}

/**
 * One line of the dub: tapping it plays from its start; with edit rights, its
 * editor opens below it. The line being spoken is marked aria-current, so a
 * screen reader finds it as well as the highlight shows it.
 */
export function ReviewLine({ jobId, segment, number, previousId, active, editable, voices, language, onSeek, onChanged, lineRef }: ReviewLineProps) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(false);
    // Back where the person was, so the keyboard does not lose its place.
    requestAnimationFrame(() => editButton.current?.focus());
  };
  return (
    <li ref={lineRef} className={active ? 'line line-active' : 'line'} aria-current={active ? 'true' : undefined}>
      <button type="button" className="line-seek" onClick={() => onSeek(segment)}>
        <span className="line-time">
          <span className="visually-hidden">Line {number}, play from </span>
          {formatClock(segment.start_ms)} – {formatClock(segment.end_ms)}
        </span>
        {segment.speaker && <span className="line-speaker">{segment.speaker}</span>}
        <span className="line-text">{segment.target_text ?? <em>(no text)</em>}</span>
      </button>
      {(segment.locked || segment.warnings.length > 0) && (
        <p className="line-marks">
          {segment.locked && <span className="badge">Locked</span>}
          {segment.warnings.map((warning) => (
            <span key={warning} className="badge badge-warn">
              {warning}
            </span>
          ))}
        </p>
      )}
      {editable && !editing && (
        <p className="line-actions">
          <button ref={editButton} type="button" className="secondary" onClick={() => { setSaved(false); setEditing(true); }}>
            Edit<span className="visually-hidden"> line {number}</span>
          </button>
        </p>
      )}
      {editable && editing && (
        <LineEditor
          jobId={jobId}
          segment={segment}
          number={number}
          previousId={previousId}
          voices={voices}
          language={language}
          onChanged={(fresh, outcome) => {
            onChanged(fresh);
            if (outcome === 'saved') {
              setSaved(true);
              close();
            }
          }}
          onClose={close}
        />
      )}
      <p role="status" className="line-saved">
        {saved && `Line ${number} saved.`}
      </p>
    </li>
  );
}
