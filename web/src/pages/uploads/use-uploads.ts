import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { UploadView } from './upload-rules';

/**
 * The signed-in person's uploads, newest first, a page at a time
 * (GET /api/uploads). Reusable where a page picks an accepted upload.
 */
export function useUploads() {
  const [uploads, setUploads] = useState<readonly UploadView[]>([]);
  const [nextCursor, setNextCursor] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);

  const load = useCallback(async (cursor?: string) => {
    setLoading(true);
    try {
      const page = unwrap(await api.GET('/api/uploads', { params: { query: cursor ? { cursor } : {} } }));
      setUploads((current) => (cursor ? [...current, ...page.uploads] : page.uploads));
      setNextCursor(page.next_cursor);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return {
    uploads,
    error,
    loading,
    hasMore: nextCursor !== undefined,
    /** From the newest again (after an upload settles). */
    reload: useCallback(() => load(), [load]),
    more: useCallback(() => load(nextCursor), [load, nextCursor]),
  };
}
