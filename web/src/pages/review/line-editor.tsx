import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { ErrorNotice, Field, SelectField } from '../../components/form';
import type { Voice } from '../jobs/dub-form';
import { VoiceOptions } from '../jobs/voice-options';
import { type LineFormValues, lineFormValues, linePatch } from './line-edit';
import { LinePreview } from './line-preview';
import type { Segment } from './segment-paging';

export interface LineEditorProps {
  readonly jobId: string;
  readonly segment: Segment;
  /** 1-based, as people count lines. */
  readonly number: number;
  /** The line before, to read this one again alone (`after` it, one line). */
  readonly previousId: string | undefined;
  readonly voices: readonly Voice[];
  readonly language: string;
  /** The server's version of the line, after a save or after reading it again (it had changed elsewhere). */
  onChanged(segment: Segment, outcome: 'saved' | 'reloaded'): void;
  onClose(): void;
}

const INVALID_TIME = { start: 'The start is not a time in seconds (for example 4.5).', end: 'The end is not a time in seconds (for example 6.25).' } as const;

/**
 * One line's edit form. The save names the version it was made against
 * (If-Match: the line's ETag), so it never overwrites a change made
 * elsewhere meanwhile: that answer (412) brings the line as it is now.
 */
export function LineEditor({ jobId, segment, number, previousId, voices, language, onChanged, onClose }: LineEditorProps) {
  const [values, setValues] = useState<LineFormValues>(() => lineFormValues(segment));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const set = (change: Partial<LineFormValues>) => setValues((current) => ({ ...current, ...change }));
  const id = `line-${segment.id}`;

  async function reloadLine() {
    const page = unwrap(await api.GET('/api/jobs/{id}/segments', { params: { path: { id: jobId }, query: { ...(previousId && { after: previousId }), limit: 1 } } }));
    const fresh = page.segments[0];
    if (fresh?.id !== segment.id) throw new ApiError('segment_not_found', 404, '');
    setValues(lineFormValues(fresh));
    onChanged(fresh, 'reloaded');
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setNotice(undefined);
    const patch = linePatch(segment, values);
    if (patch === undefined) return setNotice('Nothing changed.');
    if ('invalid' in patch) return setNotice(INVALID_TIME[patch.invalid]);
    setBusy(true);
    try {
      const saved = unwrap(await api.PATCH('/api/jobs/{id}/segments/{sid}', { params: { path: { id: jobId, sid: segment.id }, header: { 'if-match': segment.etag } }, body: patch }));
      onChanged(saved, 'saved');
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'precondition_failed') {
        try {
          await reloadLine();
          setNotice('This line changed elsewhere — reloaded. Check it and save again.');
        } catch (reloadFailure) {
          setError(reloadFailure);
        }
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="line-editor stack" aria-labelledby={`${id}-legend`} onSubmit={(event) => void save(event)}>
      <p id={`${id}-legend`} className="line-editor-title">
        Edit line {number}
      </p>
      <div className="field">
        <label htmlFor={`${id}-text`}>Line text</label>
        <textarea id={`${id}-text`} rows={3} autoFocus maxLength={2000} value={values.text} onChange={(event) => set({ text: event.target.value })} />
        {segment.source_text && (
          <small className="hint">Original: {segment.source_text}</small>
        )}
      </div>
      <div className="line-times">
        <Field label="Start (seconds)" inputMode="decimal" value={values.start} onChange={(event) => set({ start: event.target.value })} />
        <Field label="End (seconds)" inputMode="decimal" value={values.end} onChange={(event) => set({ end: event.target.value })} />
      </div>
      <Field label="Speaker" maxLength={64} value={values.speaker} placeholder="e.g. Mika or SPEAKER_00" onChange={(event) => set({ speaker: event.target.value })} />
      <SelectField label="Voice" value={values.voice} onChange={(event) => set({ voice: event.target.value })}>
        <option value="">The speaker&apos;s voice, else the dub&apos;s</option>
        <VoiceOptions voices={voices} language={language} />
      </SelectField>
      <label className="check">
        <input type="checkbox" checked={values.locked} onChange={(event) => set({ locked: event.target.checked })} />
        <span>Locked</span>
        <small className="hint">A locked line keeps its voice clip through every re-render.</small>
      </label>
      {notice && (
        <p role="alert" className="notice">
          {notice}
        </p>
      )}
      <ErrorNotice error={error} />
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save line'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <LinePreview jobId={jobId} segment={segment} text={values.text} />
      </div>
    </form>
  );
}
