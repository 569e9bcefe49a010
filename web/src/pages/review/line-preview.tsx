import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { failureSentence } from '../jobs/job-format';
import { isFinished } from '../jobs/job-state';
import type { Segment } from './segment-paging';

const POLL_MS = 400;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type State = { step: 'idle' } | { step: 'making' } | { step: 'ready'; src: string } | { step: 'failed'; sentence: string };

/**
 * "Preview": the line spoken and fitted as the next render would, with the
 * text in the editor (saved or not), without touching the dub. The server
 * makes it in a small job of its own (202 {job, audio_path}); it plays once
 * that job ends.
 */
export function LinePreview({ jobId, segment, text }: { jobId: string; segment: Segment; text: string }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const [error, setError] = useState<unknown>();
  const audio = useRef<HTMLAudioElement>(null);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  useEffect(() => {
    if (state.step === 'ready') void audio.current?.play().catch(() => undefined);
  }, [state]);

  async function preview() {
    setError(undefined);
    setState({ step: 'making' });
    try {
      const started = unwrap(await api.POST('/api/jobs/{id}/segments/{sid}/preview', { params: { path: { id: jobId, sid: segment.id } }, body: { target_text: text } }));
      for (let job = started.job; alive.current; await sleep(POLL_MS)) {
        job = unwrap(await api.GET('/api/jobs/{id}', { params: { path: { id: started.job.id } } }));
        if (!isFinished(job.status)) continue;
        setState(job.status === 'succeeded' ? { step: 'ready', src: started.audio_path } : { step: 'failed', sentence: job.failure ? failureSentence(job.failure) : 'The preview did not finish.' });
        return;
      }
    } catch (failure) {
      setError(failure);
      setState({ step: 'idle' });
    }
  }

  return (
    <div className="line-preview">
      <button type="button" className="secondary" onClick={() => void preview()} disabled={state.step === 'making' || text.trim() === ''}>
        {state.step === 'making' ? 'Making the preview…' : 'Preview'}
      </button>
      <ErrorNotice error={error} />
      {state.step === 'failed' && (
        <p role="alert" className="notice notice-error">
          {state.sentence}
        </p>
      )}
      {state.step === 'ready' && <audio ref={audio} controls src={state.src} aria-label="Preview of this line" />}
      <p role="status" className="visually-hidden">
        {state.step === 'making' ? 'Making the preview.' : state.step === 'ready' ? 'The preview is ready.' : ''}
      </p>
    </div>
  );
}
