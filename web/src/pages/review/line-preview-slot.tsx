import type { Segment } from './segment-paging';

/**
 * Where a line's editor will offer "Preview": POST
 * /api/jobs/:id/segments/:sid/preview (being built for issue 15) answers 202
 * {job, audio_path} and the clip plays once that job ends. Empty until the
 * route is in the API types; the editor already places it, so adding it
 * changes this file alone.
 */
export function LinePreviewSlot(_props: { jobId: string; segment: Segment }) {
  return null;
}
