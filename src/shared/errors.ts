// zod/mini: the app's shell reads error answers (sign-in) before its first screen (schemas/role.ts).
import * as z from 'zod/mini';

/**
 * Stable error codes shared by the server (which sends them) and the client (which branches on
 * them). Codes are part of the wire contract: never rename one, only add new ones.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins for this account from this address (or for the account overall);
   * `details.retryAfterSeconds` says how long to wait. */
  LOGIN_THROTTLED: 'LOGIN_THROTTLED',
  TOKEN_REVOKED: 'TOKEN_REVOKED',
  RATE_LIMITED: 'RATE_LIMITED',
  FORBIDDEN: 'FORBIDDEN',
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  WORKFLOW_VIOLATION: 'WORKFLOW_VIOLATION',
  PROTOCOL_OUTDATED: 'PROTOCOL_OUTDATED',
  PROTOCOL_TOO_NEW: 'PROTOCOL_TOO_NEW',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  HASH_MISMATCH: 'HASH_MISMATCH',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** The request line or a path parameter is longer than the server reads. */
  URI_TOO_LONG: 'URI_TOO_LONG',
  /** The request's headers exceed the server's limit. */
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  /** The request did not arrive completely in time; a client may retry it. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** A checklist template with problems; `details.problems` lists every one (path, code, params). */
  TEMPLATE_INVALID: 'TEMPLATE_INVALID',
  /** The imported template repeats its latest version; `details` names that version. */
  TEMPLATE_UNCHANGED: 'TEMPLATE_UNCHANGED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES = Object.values(ErrorCode) as readonly ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * The HTTP status each code travels with, kept here so that the server and the client's error
 * handling agree. Every client mistake is a 4xx (the design forbids 5xx for bad input); only
 * INTERNAL is a 5xx. HASH_MISMATCH is 422 (the body was well-formed but its bytes do not match the
 * announced SHA-256); QUOTA_EXCEEDED is 413 because the request would store more than allowed.
 * The server derives every answer's status from this table (sync-server/errors.ts): a code is
 * never sent with another status.
 * PROTOCOL_TOO_NEW (the app speaks a newer sync protocol than this server) is 422: the request is
 * well-formed and authenticated but asks for a contract the server does not implement yet. Not a
 * 5xx (nothing is broken and a retry gets the same answer until the server is updated) and not a
 * 400 (which tells the app that its own request is malformed).
 */
export const ERROR_HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  LOGIN_THROTTLED: 429,
  TOKEN_REVOKED: 401,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  WORKFLOW_VIOLATION: 409,
  PROTOCOL_OUTDATED: 426,
  PROTOCOL_TOO_NEW: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HASH_MISMATCH: 422,
  QUOTA_EXCEEDED: 413,
  URI_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  TEMPLATE_INVALID: 422,
  TEMPLATE_UNCHANGED: 409,
  INTERNAL: 500,
};

/** The JSON body of every error response: `{ error: { code, message, details? } }`. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.enum(ErrorCode),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export function apiErrorBody(code: ErrorCode, message: string, details?: unknown): ApiErrorBody {
  return details === undefined
    ? { error: { code, message } }
    : { error: { code, message, details } };
}
