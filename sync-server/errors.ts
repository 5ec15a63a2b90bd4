import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { apiErrorBody, ERROR_HTTP_STATUS, ErrorCode } from '../src/shared/errors';

/**
 * An error with a stable code; its HTTP status is the code's, from ERROR_HTTP_STATUS, so a code
 * always travels with the same status. Anything else thrown becomes INTERNAL.
 */
export class HttpError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.statusCode = ERROR_HTTP_STATUS[code];
  }
}

/**
 * Fastify's and its plugins' own errors that the status alone does not name well. The rest are
 * mapped by status below; their `FST_…` codes and default bodies never reach a client.
 */
const FRAMEWORK_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_MAX_PARAM_LENGTH: ErrorCode.URI_TOO_LONG,
  FST_ERR_BAD_URL: ErrorCode.VALIDATION_FAILED,
  FST_ERR_VALIDATION: ErrorCode.VALIDATION_FAILED,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
};

/** Readable messages for framework errors whose own message names internals (or echoes a path). */
const FRAMEWORK_MESSAGES: Partial<Record<ErrorCode, string>> = {
  URI_TOO_LONG: 'The address is longer than the server accepts',
  HEADERS_TOO_LARGE: 'The request headers are larger than the server accepts',
  REQUEST_TIMEOUT: 'The request did not arrive in time; send it again',
  UNSUPPORTED_MEDIA_TYPE: 'This content type is not accepted here',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the server accepts',
};

const CODE_FOR_STATUS: Readonly<Record<number, ErrorCode>> = {
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  408: ErrorCode.REQUEST_TIMEOUT,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  414: ErrorCode.URI_TOO_LONG,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  431: ErrorCode.HEADERS_TOO_LARGE,
};

/** The stable code of a framework error: by its Fastify code, else by status; 5xx is INTERNAL. */
export function codeOfFrameworkError(error: { code?: unknown; statusCode?: unknown }): ErrorCode {
  if (typeof error.code === 'string') {
    const known = FRAMEWORK_CODES[error.code];
    if (known) return known;
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status < 400 || status >= 500) return ErrorCode.INTERNAL;
  return CODE_FOR_STATUS[status] ?? ErrorCode.VALIDATION_FAILED;
}

/** Headers an error answer may have inherited from the route (a blob's type, ETag, length). */
const ROUTE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag'] as const;

/**
 * The only way an error leaves the server: `{error: {code, message, details?}}` with the code's
 * status, never cached (an error is about this request), never sniffed — also on routes that
 * skip helmet, such as /api/sync.
 */
export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): FastifyReply {
  for (const name of ROUTE_HEADERS) reply.removeHeader(name);
  void reply
    .status(ERROR_HTTP_STATUS[code])
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
  const retryAfter = details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  return reply.send(apiErrorBody(code, message, details));
}

/**
 * The error handler of every route and of the not-found handler, and Fastify's `frameworkErrors`
 * (raised before a route is found: a path parameter over maxParamLength, a URL that does not
 * decode — by default Fastify writes its own body for those, bypassing the error handler).
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpError) return sendError(reply, error.code, error.message, error.details);
  const code = codeOfFrameworkError(error);
  if (code === ErrorCode.INTERNAL) {
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, code, 'Internal server error');
  }
  return sendError(reply, code, FRAMEWORK_MESSAGES[code] ?? error.message);
}

/**
 * Errors of the HTTP parser itself (headers too large, broken framing, a request that never
 * finished): there is no request object, only the socket, so the answer is written by hand —
 * in the same shape as every other error.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ErrorCode.HEADERS_TOO_LARGE
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ErrorCode.REQUEST_TIMEOUT
        : ErrorCode.VALIDATION_FAILED;
  const status = ERROR_HTTP_STATUS[code];
  const body = JSON.stringify(
    apiErrorBody(code, FRAMEWORK_MESSAGES[code] ?? 'The request is not valid HTTP'),
  );
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        'cache-control: no-store\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
