import { useEffect, useRef } from 'react';
import type { Voice } from '../jobs/dub-form';
import { activeLineIndex } from './line-timing';
import { ReviewLine } from './review-line';
import type { Segment } from './segment-paging';

export interface LineListProps {
  readonly jobId: string;
  readonly segments: readonly Segment[];
  /** Where the player is. */
  readonly seconds: number;
  readonly editable: boolean;
  readonly voices: readonly Voice[];
  readonly language: string;
  onSeek(segment: Segment): void;
  onChanged(segment: Segment): void;
}

const EDITING = 'input, textarea, select';

/**
 * The dub's lines, the spoken one marked and kept in view as the video plays.
 * Scrolling never moves the focus, and it waits while the person types in a
 * line's editor (the page would jump away from what they are typing).
 */
export function LineList({ jobId, segments, seconds, editable, voices, language, onSeek, onChanged }: LineListProps) {
  const active = activeLineIndex(segments, Math.round(seconds * 1000));
  const list = useRef<HTMLOListElement>(null);
  const activeLine = useRef<HTMLLIElement>(null);

  useEffect(() => {
    const line = activeLine.current;
    const focused = document.activeElement;
    if (!line || (focused && list.current?.contains(focused) && focused.matches(EDITING))) return;
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    line.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
  }, [active]);

  if (segments.length === 0) return <p className="muted">This dub has no lines.</p>;
  return (
    <ol ref={list} className="lines" aria-label="Lines of the dub">
      {segments.map((segment, index) => (
        <ReviewLine
          key={segment.id}
          lineRef={index === active ? activeLine : undefined}
          jobId={jobId}
          segment={segment}
          number={index + 1}
          previousId={segments[index - 1]?.id}
          active={index === active}
          editable={editable}
          voices={voices}
          language={language}
          onSeek={onSeek}
          onChanged={onChanged}
        />
      ))}
    </ol>
  );
}
