import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import type { Body } from '../../api/types';
import { newIdempotencyKey } from './dub-form';

/**
 * Submits a job once however often it is tapped, then opens its page. One
 * Idempotency-Key per submission: a second tap, or a retry after a lost
 * reply, sends the same key and gets the same job; once the server has
 * answered (an ApiError), that attempt is settled and the next gets a new key.
 */
export function useJobSubmission() {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());

  async function submit(body: Body<'/api/jobs', 'post'>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const job = unwrap(await api.POST('/api/jobs', { body, headers: { 'idempotency-key': idempotencyKey.current } }));
      navigate(`/jobs/${job.id}`);
    } catch (failure) {
      if (failure instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
      setError(failure);
      setBusy(false);
    }
  }

  return { busy, error, submit };
}
