import type { Reply } from '../../api/types';

export type SegmentPage = Reply<'/api/jobs/{id}/segments', 'get'>;
export type Segment = SegmentPage['segments'][number];

/** The most a page may hold (the route's own cap): fewer round trips for a long film. */
export const PAGE_LIMIT = 500;

/**
 * Every line of a dub, page after page (`after` = the last id of the page
 * before), as one page: the lines of all of them with the last page's facts
 * (its render and whether it may be edited are the freshest). A server that
 * hands back a cursor it already gave would loop forever; that is refused.
 */
export async function loadAllSegments<P extends { readonly segments: readonly unknown[]; readonly next_after?: string }>(fetchPage: (after: string | undefined) => Promise<P>): Promise<P> {
  const seen = new Set<string>();
  let page = await fetchPage(undefined);
  const segments = [...page.segments];
  while (page.next_after !== undefined) {
    if (seen.has(page.next_after)) throw new Error(`the segment pages loop at ${page.next_after}`);
    seen.add(page.next_after);
    page = await fetchPage(page.next_after);
    segments.push(...page.segments);
  }
  return { ...page, segments };
}
