import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, SelectField } from '../../components/form';
import type { Voice } from '../jobs/dub-form';
import { JobStages } from '../jobs/job-stages';
import type { LiveJob } from '../jobs/job-state';
import { VoiceOptions } from '../jobs/voice-options';
import { dubVoicesOf, rerenderBody } from './line-edit';

export interface RerenderPanelProps {
  readonly jobId: string;
  /** The dub's options as last read: the voices it renders with now. */
  readonly options: unknown;
  readonly speakers: readonly string[];
  readonly voices: readonly Voice[];
  readonly defaultVoice: string | undefined;
  readonly live: LiveJob;
  /** A render runs (this one, or one started elsewhere). */
  readonly rendering: boolean;
  /** The server queued render `render`. */
  onStarted(render: number): void;
}

/**
 * The dub's voices (one per speaker, and the dub's own for lines without a
 * speaker's) and the re-render that applies them and every line edit. Only
 * lines whose clip depends on something changed are spoken again. While it
 * runs, its stages and progress show live here.
 */
export function RerenderPanel({ jobId, options, speakers, voices, defaultVoice, live, rendering, onStarted }: RerenderPanelProps) {
  const before = dubVoicesOf(options);
  const [voice, setVoice] = useState(before.voice);
  const [speakerVoices, setSpeakerVoices] = useState<Record<string, string>>(before.voices);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function rerender(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const job = unwrap(await api.POST('/api/jobs/{id}/rerender', { params: { path: { id: jobId } }, body: rerenderBody({ voice, voices: speakerVoices }, before) }));
      onStarted(job.render);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="rerender-heading" className="stack">
      <h2 id="rerender-heading">Voices and re-render</h2>
      <form className="stack" onSubmit={(event) => void rerender(event)}>
        <SelectField label="Voice of the dub" hint="For lines whose speaker has no voice of their own." value={voice} onChange={(event) => setVoice(event.target.value)}>
          <option value="">{defaultVoice ? `Server default (${defaultVoice})` : 'Server default for the language'}</option>
          <VoiceOptions voices={voices} language={before.language} />
        </SelectField>
        {speakers.map((speaker) => (
          <SelectField key={speaker} label={`Voice of ${speaker}`} value={speakerVoices[speaker] ?? ''} onChange={(event) => setSpeakerVoices({ ...speakerVoices, [speaker]: event.target.value })}>
            <option value="">The dub&apos;s voice</option>
            <VoiceOptions voices={voices} language={before.language} />
          </SelectField>
        ))}
        <ErrorNotice error={error} />
        <p>
          <button type="submit" disabled={busy || rendering}>
            {rendering ? 'Rendering…' : 'Re-render'}
          </button>
        </p>
      </form>
      {rendering && <JobStages live={live} />}
    </section>
  );
}
