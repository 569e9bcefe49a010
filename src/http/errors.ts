import { defineErrors } from './app-error.js';

/** Errors that any route can produce, before or around its own logic. */
export const httpErrors = defineErrors({
  validation_failed: { status: 400, message: 'The request does not match the expected shape.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  bad_request: { status: 400, message: 'The request is malformed.' },
  not_found: { status: 404, message: 'Nothing here.' },
  method_not_allowed: { status: 405, message: 'This method is not allowed here.' },
  body_too_large: { status: 413, message: 'The request body is too large.' },
  range_not_satisfiable: { status: 416, message: 'The requested range is outside the file.' },
  multiple_ranges_unsupported: { status: 416, message: 'Ask for one byte range at a time.' },
  unsupported_media_type: { status: 415, message: 'Send JSON with Content-Type: application/json.' },
  internal_error: { status: 500, message: 'Something went wrong on the server. The request id helps find it in the logs.' },
  not_ready: { status: 503, message: 'The server is not ready.' },
});
