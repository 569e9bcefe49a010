import { useCallback, useEffect, useRef, useState } from 'react';
import { Upload } from 'tus-js-client';
import { api, csrfHeaders } from '../../api/client';
import { unwrap } from '../../api/errors';
import { tusErrorToApiError } from './tus-errors';
import { planUpload, type UploadLimits, type UploadView } from './upload-rules';

export type UploadPhase = 'refused' | 'starting' | 'sending' | 'paused' | 'validating' | 'accepted' | 'rejected' | 'failed' | 'cancelled';

/** One chosen file and how far it has got. */
export interface QueuedUpload {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly phase: UploadPhase;
  readonly sent: number;
  /** Bytes the server already had when this upload continued an earlier one (after a reload). */
  readonly resumedFrom?: number;
  /** Why the page will not send it (before any byte). */
  readonly problem?: string;
  readonly error?: unknown;
  readonly verdict?: UploadView;
}

/** A 8 MB PATCH at a time: small enough for reverse proxies' body limits, large enough to keep requests few. */
const CHUNK_BYTES = 8 * 1000 * 1000;
const POLL_MS = 700;

let counter = 0;

/**
 * The files being uploaded from this page, through tus (resumable): the CSRF
 * token goes on every request, cookies are same-origin, and the upload's URL
 * (never a secret: it works only with the owner's session) is kept in
 * localStorage under tus's fingerprint of the file, so picking the same file
 * after a reload continues from the server's offset.
 */
export function useUploadQueue(limits: UploadLimits | undefined, onSettled: () => void) {
  const [items, setItems] = useState<readonly QueuedUpload[]>([]);
  const uploads = useRef(new Map<string, Upload>());
  const alive = useRef(true);
  const settled = useRef(onSettled);
  settled.current = onSettled;

  useEffect(() => {
    alive.current = true;
    const running = uploads.current;
    return () => {
      alive.current = false;
      // Leaving the page pauses (the server keeps the bytes); picking the file again resumes.
      for (const upload of running.values()) void upload.abort();
    };
  }, []);

  const update = useCallback((key: string, change: Partial<QueuedUpload>) => {
    if (alive.current) setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const awaitVerdict = useCallback(
    async (key: string, id: string) => {
      while (alive.current) {
        try {
          const view = unwrap(await api.GET('/api/uploads/{id}', { params: { path: { id } } }));
          if (view.status === 'accepted' || view.status === 'rejected') {
            update(key, { phase: view.status, verdict: view });
            settled.current();
            return;
          }
        } catch (error) {
          update(key, { phase: 'failed', error });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    [update],
  );

  const startOne = useCallback(
    async (key: string, file: File, kind: string) => {
      const upload = new Upload(file, {
        endpoint: `${window.location.origin}/api/uploads`,
        // The server reads kind and filename; the type the browser guesses is not worth trusting or sending.
        metadata: { filename: file.name, kind },
        chunkSize: CHUNK_BYTES,
        retryDelays: [0, 1000, 3000, 5000],
        removeFingerprintOnSuccess: true,
        onBeforeRequest(request) {
          for (const [name, value] of Object.entries(csrfHeaders())) request.setHeader(name, value);
        },
        onAfterResponse(request, response) {
          // tus asks the server for its offset with HEAD before continuing an upload.
          const offset = Number(response.getHeader('Upload-Offset'));
          if (request.getMethod() === 'HEAD' && offset > 0) update(key, { resumedFrom: offset, sent: offset });
        },
        onShouldRetry(error) {
          // Only a lost connection or a busy server is worth repeating; a refusal stays a refusal.
          const status = error.originalResponse?.getStatus() ?? 0;
          return status === 0 || status === 423 || status === 502 || status === 503 || status === 504;
        },
        onProgress: (sent) => update(key, { sent, phase: 'sending' }),
        onError: (error) => update(key, { phase: 'failed', error: tusErrorToApiError(error) }),
        onSuccess: () => {
          uploads.current.delete(key);
          update(key, { phase: 'validating', sent: file.size });
          void awaitVerdict(key, upload.url!.split('/').pop()!);
        },
      });
      uploads.current.set(key, upload);
      const previous = await upload.findPreviousUploads().catch(() => []);
      const sameFile = previous.find((candidate) => candidate.size === file.size && candidate.uploadUrl);
      if (sameFile) upload.resumeFromPreviousUpload(sameFile);
      upload.start();
    },
    [awaitVerdict, update],
  );

  /** Queues files: each is checked against the limits, then sent, or shown as refused with the reason. */
  const add = useCallback(
    (files: Iterable<File>) => {
      if (!limits) return;
      const added: QueuedUpload[] = [];
      for (const file of files) {
        const key = `upload-${++counter}`;
        const plan = planUpload(file, limits);
        added.push({ key, name: file.name, size: file.size, sent: 0, ...(plan.ok ? { phase: 'starting' } : { phase: 'refused', problem: plan.problem }) });
        if (plan.ok) void startOne(key, file, plan.kind);
      }
      setItems((current) => [...added, ...current]);
    },
    [limits, startOne],
  );

  const pause = useCallback(
    async (key: string) => {
      await uploads.current.get(key)?.abort();
      update(key, { phase: 'paused' });
    },
    [update],
  );

  const resume = useCallback(
    (key: string) => {
      update(key, { phase: 'sending', error: undefined });
      uploads.current.get(key)?.start();
    },
    [update],
  );

  /** tus termination: the server deletes what it received. */
  const cancel = useCallback(
    async (key: string) => {
      const upload = uploads.current.get(key);
      uploads.current.delete(key);
      try {
        await upload?.abort(true);
        update(key, { phase: 'cancelled' });
      } catch (error) {
        update(key, { phase: 'failed', error: tusErrorToApiError(error) });
      }
      settled.current();
    },
    [update],
  );

  const dismiss = useCallback((key: string) => setItems((current) => current.filter((item) => item.key !== key)), []);

  /** Follows an upload made elsewhere (a server file import) to its verdict, like one sent from here. */
  const follow = useCallback(
    (view: UploadView) => {
      const key = `upload-${++counter}`;
      setItems((current) => [{ key, name: view.filename, size: view.size, sent: view.size, phase: 'validating' }, ...current]);
      void awaitVerdict(key, view.id);
    },
    [awaitVerdict],
  );

  return { items, add, pause, resume, cancel, dismiss, follow };
}
