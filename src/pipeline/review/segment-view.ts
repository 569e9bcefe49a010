import { createHash } from 'node:crypto';
import type { Static } from 'typebox';
import { documentSegmentOf } from '../imports/segments-document.js';
import type { Segment } from '../segments.js';
import type { SegmentSchema } from './schemas.js';

/** A segment as the review API shows it (snake_case, the segments document's words); its schema is the one source. */
export type SegmentView = Static<typeof SegmentSchema>;

/**
 * A strong ETag over everything the segment shows, so any change (an edit,
 * or a render that re-fitted its clip) makes an older If-Match stale
 * (RFC 9110 §8.8.3).
 */
export function segmentEtag(segment: Segment): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([segment.id, segment.startMs, segment.endMs, segment.speaker, segment.sourceText, segment.targetText, segment.voice, segment.locked, segment.hash, segment.clip?.sha256 ?? null, segment.tempo, segment.overflowMs, segment.warnings]))
    .digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

export function segmentView(segment: Segment): SegmentView {
  return { ...documentSegmentOf(segment), etag: segmentEtag(segment) };
}

/**
 * Whether an If-Match header names this ETag: `*` names any, a list names
 * each of its members; weak tags never match (If-Match compares strongly).
 */
export function ifMatchHolds(header: string, etag: string): boolean {
  const trimmed = header.trim();
  if (trimmed === '*') return true;
  return trimmed
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => !tag.startsWith('W/') && tag === etag);
}
