import type { IncomingMessage } from 'node:http';
import { ERRORS, EVENTS, Server, type Upload } from '@tus/server';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { apiErrorBody, ErrorCode, isErrorCode } from '../../src/shared/errors';
import { HttpError } from '../errors';
import type { BlobStore } from './store';
import type { BlobActor } from './types';
import { isSha256 } from './types';
import type { Verifier } from './verify';

export const BLOB_PATH = '/api/blobs';
export const TUS_VERSION = '1.0.0';
/** The body type of tus PATCH (and creation-with-upload POST) requests. */
export const TUS_CONTENT_TYPE = 'application/offset+octet-stream';

/** An error thrown inside a tus hook: @tus/server answers with its `status_code` and `body`. */
class TusHookError extends Error {
  readonly status_code: number;
  readonly body: string;

  constructor(error: HttpError) {
    super(error.message);
    this.status_code = error.statusCode;
    this.body = JSON.stringify(apiErrorBody(error.code, error.message, error.details));
  }
}

/** How much of a request body may wait in memory for a slow store before the socket is paused. */
const BODY_QUEUE_BYTES = 1024 * 1024;

/**
 * The request body as a web stream for @tus/server. A client that disconnects mid-PATCH *ends*
 * this stream rather than failing it: every byte that already reached the server still flows into
 * the store, the PATCH completes short, and the client resumes right after those bytes. (Passing
 * an erroring stream, or srvx's runtime hook, makes @tus/server unpipe at once and drop whatever
 * was buffered between the socket and a slow store such as S3.)
 */
function requestBody(raw: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = () => {
          if (finished) return;
          finished = true;
          controller.close();
        };
        raw.on('data', (chunk: Buffer) => {
          if (finished) return;
          controller.enqueue(new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) raw.pause();
        });
        raw.on('end', finish);
        raw.on('error', finish);
        raw.on('close', finish);
      },
      pull() {
        raw.resume();
      },
      cancel() {
        // The store stopped reading (for example the body outgrew Upload-Length): let Node
        // discard the rest so the error response can still be sent.
        finished = true;
        raw.resume();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: BODY_QUEUE_BYTES }),
  );
}

export interface TusBridge {
  /** Hands a request that passed the route's checks to @tus/server and relays its answer. */
  forward(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: BlobActor | null,
    onCreated?: () => void,
  ): Promise<FastifyReply>;
}

export function createTusBridge(
  store: BlobStore,
  verifier: Verifier,
  maxBytes: number,
  log: FastifyBaseLogger,
): TusBridge {
  // The route resolved the actor before handing over; hooks find it by the request object.
  const actors = new WeakMap<Request, BlobActor>();
  const created = new WeakMap<Request, () => void>();

  const tus = new Server({
    path: BLOB_PATH,
    datastore: store.datastore,
    maxSize: maxBytes,
    // A relative Location survives reverse proxies without trusting Forwarded headers.
    relativeLocation: true,
    // The PWA is same-origin; no cross-origin page needs to upload.
    allowedOrigins: () => false,
    // The upload id is the content hash announced by the client, so that the same bytes always
    // land on the same upload (dedupe, resume from any device).
    namingFunction(_req, metadata) {
      const sha256 = metadata?.sha256;
      if (!isSha256(sha256)) {
        throw new TusHookError(
          new HttpError(ErrorCode.VALIDATION_FAILED, 'Upload-Metadata needs a sha256'),
        );
      }
      return sha256;
    },
    async onUploadFinish(req: Request, upload: Upload) {
      const actor = actors.get(req);
      if (!actor) throw new Error('tus request without a resolved actor');
      try {
        await verifier.finalise(upload.id, actor);
      } catch (error) {
        if (error instanceof HttpError) throw new TusHookError(error);
        log.error({ err: error, sha256: upload.id }, 'blob verification failed');
        throw error;
      }
      return {};
    },
  });

  // Creation is serialised per id by the route; it may let the next creation in as soon as the
  // upload exists, without waiting for a creation-with-upload body.
  tus.on(EVENTS.POST_CREATE, (req: Request) => created.get(req)?.());

  function toWebRequest(request: FastifyRequest): Request {
    const raw = request.raw;
    const headers = new Headers();
    for (const [name, value] of Object.entries(raw.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const hasBody =
      raw.method === 'PATCH' ||
      (raw.method === 'POST' && headers.get('content-type') === TUS_CONTENT_TYPE);
    // Only the path matters to @tus/server (it takes the id from the last segment); the route
    // has validated it, and the query string must not leak into the id.
    const url = `http://blobs.invalid${request.url.split('?')[0] ?? ''}`;
    const init: RequestInit & { duplex?: 'half' } = { method: raw.method, headers };
    if (hasBody) {
      init.body = requestBody(raw);
      init.duplex = 'half';
    }
    return new Request(url, init);
  }

  function errorBody(status: number, text: string): { status: number; body: unknown } {
    try {
      const parsed = JSON.parse(text) as { error?: { code?: unknown } };
      if (isErrorCode(parsed.error?.code)) return { status, body: parsed };
    } catch {
      // A plain-text tus error; mapped below.
    }
    const message = text.trim() || 'Upload request failed';
    if (text === ERRORS.ERR_LOCK_TIMEOUT.body) {
      // Another request holds this upload; tus-js-client retries 423.
      return { status: 423, body: apiErrorBody(ErrorCode.CONFLICT, message) };
    }
    if (text === ERRORS.MISSING_OFFSET.body || text === ERRORS.INVALID_CONTENT_TYPE.body) {
      // tus answers these with 403, which would read as a permission problem.
      return { status: 400, body: apiErrorBody(ErrorCode.VALIDATION_FAILED, message) };
    }
    if (status >= 500) {
      return { status: 500, body: apiErrorBody(ErrorCode.INTERNAL, 'Internal server error') };
    }
    const code: ErrorCode =
      status === 404 || status === 410
        ? ErrorCode.NOT_FOUND
        : status === 409 || status === 423
          ? ErrorCode.CONFLICT
          : status === 413
            ? ErrorCode.PAYLOAD_TOO_LARGE
            : status === 415
              ? ErrorCode.UNSUPPORTED_MEDIA_TYPE
              : status === 460
                ? ErrorCode.HASH_MISMATCH
                : ErrorCode.VALIDATION_FAILED;
    return { status, body: apiErrorBody(code, message) };
  }

  return {
    async forward(request, reply, actor, onCreated) {
      const webRequest = toWebRequest(request);
      if (actor) actors.set(webRequest, actor);
      if (onCreated) created.set(webRequest, onCreated);
      const response = await tus.handleWeb(webRequest);
      const text = await response.text();
      for (const [name, value] of response.headers) {
        // Fastify computes these for the body it sends.
        if (name === 'content-length' || name === 'content-type') continue;
        void reply.header(name, value);
      }
      if (response.status >= 400) {
        // A PATCH refused before its body was read (wrong offset, no access): close the
        // connection after answering, so the client stops sending a body nobody will store —
        // on a 2G link that stale body can be a whole chunk.
        if (request.method === 'PATCH') void reply.header('connection', 'close');
        const mapped = errorBody(response.status, text);
        if (mapped.status >= 500) request.log.error({ tus: text }, 'tus request failed');
        return reply.code(mapped.status).send(mapped.body);
      }
      return reply.code(response.status).send(text === '' ? undefined : text);
    },
  };
}
