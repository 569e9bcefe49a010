import { defineErrors } from '../../http/app-error.js';

/** The codes of the dub's review: segment edits, previews and re-renders. */
export const reviewErrors = defineErrors({
  not_a_dub: { status: 404, message: 'This job is not a dub: it has no segments to review.' },
  segment_not_found: { status: 404, message: 'No such segment in this dub.' },
  dub_busy: { status: 409, message: 'The dub is rendering; edit it once the render ends.' },
  dub_not_rendered: { status: 409, message: 'The dub has no finished render yet; re-render a dub once it has succeeded.' },
  dub_source_removed: { status: 409, message: 'The source video of this dub is gone (minimal privacy keeps only the outputs, or retention removed it), so it cannot be re-rendered.' },
  segment_text_empty: { status: 422, message: 'This line has no text to speak; give it text (or send target_text) to hear it.' },
  segment_locked: { status: 409, message: 'This line is locked; unlock it to change it.' },
  segment_timing_out_of_bounds: { status: 422, message: 'A line must start before it ends, after the previous line ends and before the next one starts, within the video.' },
  precondition_required: { status: 428, message: 'Send If-Match with the segment\'s ETag, so an edit never overwrites one you have not seen.' },
  precondition_failed: { status: 412, message: 'The segment changed since you read it; reload it and edit again.' },
  qa_not_ready: { status: 409, message: 'This dub has no QA report yet: it is made at the end of each render.' },
  render_not_found: { status: 404, message: 'No such render of this dub (it may have been removed by retention).' },
});
