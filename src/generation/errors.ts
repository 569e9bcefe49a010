import { defineErrors } from '../http/app-error.js';

/** Why a generation is refused at submission: its template and the values given for it. */
export const generationErrors = defineErrors({
  template_not_found: { status: 422, message: 'No workflow template of that name is installed on this server.' },
  template_output_mismatch: { status: 422, message: 'The template makes another kind of output (an image template asked for a clip, or the reverse).' },
  template_param_unsupported: { status: 422, message: 'The template has no parameter for a value given (frames on an image template, a size on img2img).' },
  reference_required: { status: 422, message: 'This template redraws a reference image: give reference_upload_id.' },
  prompt_too_long: { status: 422, message: 'The prompt is longer than this server allows (GENERATE_PROMPT_MAX).' },
  project_not_found: { status: 404, message: 'No such project of yours.' },
  version_not_found: { status: 404, message: 'No such version in this project.' },
  generation_not_found: { status: 404, message: 'This job has made no version (it is not a generation, or it has not finished).' },
});

/**
 * Why a generation's output was refused (a failed job stage's code): the
 * worker found bytes that are not the media it listed, or the job's sandbox
 * found an image past the pixel limit. Nothing of the run is stored.
 */
export const generationOutputErrors = defineErrors({
  generation_output_invalid: { status: 502, message: 'The generation engine answered something that is not the image or clip it listed.' },
  generation_output_too_large: { status: 502, message: 'The generation engine answered an image or clip larger than this server accepts.' },
});

/** The gallery's: an item that is not there for this viewer (private, hidden, missing look the same), a share link that is not (any more). */
export const galleryErrors = defineErrors({
  gallery_item_not_found: { status: 404, message: 'No such item in the gallery.' },
  share_not_found: { status: 404, message: 'This link does not exist, has expired or was revoked.' },
});

/** A generation refused for its owner's daily allowance (GENERATE_DAILY_LIMIT, GENERATE_DAILY_GPU_SECONDS); Retry-After says when it renews. */
export const usageErrors = defineErrors({
  generation_limit_reached: { status: 429, message: 'You have used today\'s generations; more at midnight UTC (see Retry-After).' },
  gpu_time_limit_reached: { status: 429, message: 'You have used today\'s generation engine time; more at midnight UTC (see Retry-After).' },
});

/** Installing and removing workflow templates (admins). */
export const templateErrors = defineErrors({
  template_invalid: { status: 422, message: 'The template does not agree with itself:' },
  template_engine_mismatch: { status: 422, message: 'The generation engine cannot run this template:' },
  template_engine_missing: { status: 422, message: 'No generation engine is configured (GENERATE_ENGINE) to check the template against.' },
  template_builtin: { status: 409, message: 'That name is one of the templates Sakuga ships; choose another.' },
  template_not_installed: { status: 404, message: 'No installed template of that name.' },
});
