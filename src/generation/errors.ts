import { defineErrors } from '../http/app-error.js';

/** Why a generation is refused at submission: its template and the values given for it. */
export const generationErrors = defineErrors({
  template_not_found: { status: 422, message: 'No workflow template of that name is installed on this server.' },
  template_output_mismatch: { status: 422, message: 'The template makes another kind of output (an image template asked for a clip, or the reverse).' },
  template_param_unsupported: { status: 422, message: 'The template has no parameter for a value given (frames on an image template, a size on img2img).' },
  reference_required: { status: 422, message: 'This template redraws a reference image: give reference_upload_id.' },
  prompt_too_long: { status: 422, message: 'The prompt is longer than this server allows (GENERATE_PROMPT_MAX).' },
});
