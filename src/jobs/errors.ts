import { defineErrors } from '../http/app-error.js';

export const jobErrors = defineErrors({
  job_not_found: { status: 404, message: 'No such job of yours.' },
  unknown_job_type: { status: 422, message: 'Unknown job type.' },
  invalid_job_options: { status: 400, message: 'The options do not fit this job type.' },
  job_type_unavailable: { status: 422, message: 'This server cannot run jobs of this type yet (no engine is configured for it).' },
  input_not_found: { status: 422, message: 'An input upload does not exist or is not yours.' },
  input_not_ready: { status: 409, message: 'An input upload is still being received or validated; submit again once it is accepted.' },
  input_rejected: { status: 422, message: 'An input upload was rejected by validation.' },
  input_wrong_kind: { status: 422, message: 'An input upload is not of the kind this job needs.' },
  idempotency_key_reused: { status: 422, message: 'This Idempotency-Key was already used for a different request.' },
  idempotency_key_invalid: { status: 400, message: 'Idempotency-Key must be 1 to 200 visible ASCII characters.' },
  queue_full: { status: 429, message: 'The job queue is full; try again later.' },
  too_many_queued: { status: 429, message: 'You have too many jobs waiting; let some finish first.' },
  job_quota_exceeded: { status: 429, message: 'Your daily job quota is used up.' },
  artifact_not_found: { status: 404, message: 'No such artifact.' },
  preview_not_found: { status: 404, message: 'This job has no preview frame now (the engine sent none yet, or the job has ended).' },
  invalid_cursor: { status: 400, message: 'That cursor is not one this server gave out.' },
});
