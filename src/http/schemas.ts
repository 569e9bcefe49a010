import { Type } from 'typebox';

/** The error body every route may answer with; referenced from route schemas for OpenAPI. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable snake_case code; see docs/errors.md.' }),
      message: Type.String(),
      request_id: Type.String(),
    }),
  },
  { description: 'Error' },
);

/** Shorthand for the error statuses a route documents. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse]));
}
