import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorDefinition } from './app-error.js';
import { httpErrors } from './errors.js';
import { BlobIntegrityError } from '../storage/crypto/blob-format.js';
import { DataKeyError } from '../storage/crypto/data-key.js';
import { storageErrors } from '../storage/errors.js';
import { StorageUnavailable } from '../storage/object-store.js';

export interface ErrorBody {
  error: { code: string; message: string; request_id: string };
}

/** Fastify's own body-parsing errors, mapped to our stable codes. */
const FASTIFY_CODES: Readonly<Record<string, ErrorDefinition>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: httpErrors.body_too_large,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: httpErrors.unsupported_media_type,
  FST_ERR_CTP_EMPTY_JSON_BODY: httpErrors.invalid_json,
  FST_ERR_CTP_INVALID_JSON_BODY: httpErrors.invalid_json,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: httpErrors.bad_request,
};

/**
 * The only place a failed request becomes a response. Known errors keep their
 * code and safe message; anything else is a 500 whose message, stack, SQL and
 * paths stay in the server log, never in the reply (Fastify's default handler
 * would echo the message).
 */
export function sendError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const { definition, message } = classify(error);
  if (definition.status >= 500) {
    request.log.error({ err: error }, 'request failed');
  } else {
    request.log.info({ code: definition.code }, 'request rejected');
  }
  if (error instanceof AppError && error.retryAfterSeconds !== undefined) {
    void reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  }
  const body: ErrorBody = { error: { code: definition.code, message, request_id: request.id } };
  void reply.code(definition.status).send(body);
}

function classify(error: FastifyError | Error): { definition: ErrorDefinition; message: string } {
  if (error instanceof AppError) {
    return { definition: { code: error.code, status: error.status, message: error.message }, message: error.message };
  }
  // The blob store's failures: the backend down (nothing lost, try again), or a stored file that fails its checks (nothing served).
  if (error instanceof StorageUnavailable) return { definition: storageErrors.storage_unavailable, message: storageErrors.storage_unavailable.message };
  if (error instanceof BlobIntegrityError || error instanceof DataKeyError) return { definition: storageErrors.stored_file_damaged, message: storageErrors.stored_file_damaged.message };
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    // Ajv's text names the field and the rule, never the submitted value.
    return { definition: httpErrors.validation_failed, message: fastifyError.message };
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return { definition: mapped, message: mapped.message };
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { definition: { ...httpErrors.bad_request, status }, message: httpErrors.bad_request.message };
  }
  return { definition: httpErrors.internal_error, message: httpErrors.internal_error.message };
}
