import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../src/shared/errors';
import { HttpError } from '../errors';
import { sendBlob, sendBlobHead } from './download';
import {
  announcedLength,
  announcedSha256,
  type IdParams,
  idFrom,
  isRefusal,
  keyedMutex,
} from './requests';
import { type BlobStore, createBlobStore } from './store';
import { BLOB_PATH, createTusBridge, TUS_CONTENT_TYPE, TUS_VERSION, type TusBridge } from './tus';
import type { BlobAccess, BlobActor, BlobOptions, StoredBlobInfo } from './types';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS } from './types';
import { createVerifier, type Verifier } from './verify';

/** What every blob route handler works with, built once per server. */
interface BlobRouteDeps {
  store: BlobStore;
  access: BlobAccess;
  verifier: Verifier;
  tus: TusBridge;
  maxBytes: number;
  /** Two devices creating the same id at once would each start an upload (the second one
   * truncating or orphaning the first); the second must see the first and join it. */
  creationLock: ReturnType<typeof keyedMutex>;
}

type IdRequest = FastifyRequest<{ Params: IdParams }>;

/** OpenAPI: every blob route but tus discovery answers 401 without a token. */
/**
 * Blob routes carry photos to and from phones on 2G, and a reviewer's first sync fetches one
 * thumbnail per photo: helmet's page-oriented headers (~1 KB per answer: CSP, HSTS, COOP, …) were
 * most of that download's overhead. What a blob answer needs it sets itself (download.ts): its
 * type, nosniff and a sandboxing CSP; error answers get nosniff from sendError.
 */
const withToken = (summary: string) => ({
  helmet: false as const,
  schema: { summary, tags: ['blobs'], security: [{ bearer: [] }] },
});

/** The existing upload URL, complete: tus-js-client finishes without sending a byte. */
function answerStored(reply: FastifyReply, sha256: string, bytes: number, status: number) {
  return reply
    .code(status)
    .header('tus-resumable', TUS_VERSION)
    .header('upload-offset', String(bytes))
    .header('upload-length', String(bytes))
    .header('cache-control', 'no-store')
    .header('location', `${BLOB_PATH}/${sha256}`)
    .send();
}

/** Verifies a staged upload whose bytes are all there; null when it was refused and deleted. */
async function finaliseStaged(
  deps: BlobRouteDeps,
  sha256: string,
  actor: BlobActor,
): Promise<StoredBlobInfo | null> {
  try {
    return await deps.verifier.finalise(sha256, actor);
  } catch (error) {
    if (isRefusal(error)) return null;
    throw error;
  }
}

async function requireUploader(deps: BlobRouteDeps, actor: BlobActor, sha256: string) {
  if (!(await deps.access.mayUpload(actor, sha256))) {
    throw new HttpError(ErrorCode.FORBIDDEN, 'No evidence you may write references this file');
  }
}

/** Joins an upload of the same bytes already stored or staged, else hands creation to tus. */
async function createOrJoin(
  deps: BlobRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  upload: { actor: BlobActor; sha256: string; length: number; release: () => void },
) {
  const { actor, sha256, length, release } = upload;
  const stored = await deps.store.stat(sha256);
  if (stored) {
    if (stored.bytes !== length) {
      throw new HttpError(
        ErrorCode.HASH_MISMATCH,
        `A file with this SHA-256 is stored with ${stored.bytes} bytes, not ${length}`,
      );
    }
    return answerStored(reply, sha256, stored.bytes, 201);
  }
  const staged = await deps.store.staged(sha256);
  if (staged && staged.size === length) {
    if (staged.offset < length) {
      // Another device (or an earlier attempt) is uploading the same bytes: join it rather than
      // truncating its progress. The client resumes from this offset (directly with
      // creation-with-upload, else after a 409 on its first PATCH and a HEAD).
      return reply
        .code(201)
        .header('tus-resumable', TUS_VERSION)
        .header('upload-offset', String(staged.offset))
        .header('location', `${BLOB_PATH}/${sha256}`)
        .send();
    }
    const blob = await finaliseStaged(deps, sha256, actor);
    if (blob) return answerStored(reply, sha256, blob.bytes, 201);
  } else if (staged) {
    // A staged upload of another length cannot be these bytes; start over.
    await deps.store.discardStaged(sha256);
  }
  // Released once the upload exists, not after a creation-with-upload body.
  return deps.tus.forward(request, reply, actor, release);
}

/** POST /api/blobs: tus creation (optionally with upload), serialised per id. */
function createUpload(deps: BlobRouteDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = await deps.access.authenticate(request);
    const sha256 = announcedSha256(request);
    await requireUploader(deps, actor, sha256);
    const length = announcedLength(request, deps.maxBytes);
    const release = await deps.creationLock(sha256);
    try {
      return await createOrJoin(deps, request, reply, { actor, sha256, length, release });
    } finally {
      release();
    }
  };
}

/** PATCH /api/blobs/<sha256>: a chunk of an upload. */
function patchUpload(deps: BlobRouteDeps) {
  return async (request: IdRequest, reply: FastifyReply) => {
    const actor = await deps.access.authenticate(request);
    const sha256 = idFrom(request);
    await requireUploader(deps, actor, sha256);
    const stored = await deps.store.stat(sha256);
    if (stored) {
      // Deduplicated while this client was sending: acknowledge everything without reading the
      // body, so the client stops here.
      return reply
        .code(204)
        .header('tus-resumable', TUS_VERSION)
        .header('upload-offset', String(stored.bytes))
        .send();
    }
    return deps.tus.forward(request, reply, actor);
  };
}

/** HEAD /api/blobs/<sha256>: a tus offset query, or a plain HEAD of a stored blob. */
function headBlob(deps: BlobRouteDeps) {
  return async (request: IdRequest, reply: FastifyReply) => {
    const actor = await deps.access.authenticate(request);
    const sha256 = idFrom(request);
    const mayUpload = await deps.access.mayUpload(actor, sha256);
    // Outsiders learn nothing, not even whether the blob exists.
    if (!mayUpload && !(await deps.access.mayRead(actor, sha256))) {
      throw new HttpError(ErrorCode.NOT_FOUND, 'No such blob');
    }
    const isTus = request.headers['tus-resumable'] !== undefined;
    // A creation cut short may still be running (creation-with-upload: its bytes come with it);
    // wait until it has created the upload, or a retry would see "no such upload" and post the
    // bytes again.
    (await deps.creationLock(sha256))();
    let stored = await deps.store.stat(sha256);
    if (!stored) {
      const staged = await deps.store.staged(sha256);
      const complete = staged?.size !== undefined && staged.offset === staged.size;
      if (complete && mayUpload) {
        // All bytes arrived but verification has not finished (it is running, or the server
        // stopped mid-way): finish it before saying "complete", because a client deletes its
        // local copy once the server confirms. Only an uploader triggers it, so that onStored
        // names someone who may write it.
        if (await finaliseStaged(deps, sha256, actor)) stored = await deps.store.stat(sha256);
      } else if (staged && !complete && isTus) {
        // A partial upload: tus answers the offset under its per-upload lock.
        return deps.tus.forward(request, reply, actor);
      }
    }
    if (!stored) throw new HttpError(ErrorCode.NOT_FOUND, 'No such blob');
    return isTus
      ? answerStored(reply, sha256, stored.bytes, 200)
      : sendBlobHead(reply, sha256, stored);
  };
}

/** GET /api/blobs/<sha256>: the bytes, to anyone who may read or upload them. */
function getBlob(deps: BlobRouteDeps) {
  return async (request: IdRequest, reply: FastifyReply) => {
    const actor = await deps.access.authenticate(request);
    const sha256 = idFrom(request);
    const allowed =
      (await deps.access.mayRead(actor, sha256)) || (await deps.access.mayUpload(actor, sha256));
    if (!allowed) throw new HttpError(ErrorCode.NOT_FOUND, 'No such blob');
    const stored = await deps.store.stat(sha256);
    if (!stored) throw new HttpError(ErrorCode.NOT_FOUND, 'No such blob');
    return sendBlob(request, reply, deps.store, sha256, stored);
  };
}

/** OPTIONS: tus discovery (Tus-Version, Tus-Extension, Tus-Max-Size); reveals nothing about blobs. */
function discover(deps: BlobRouteDeps) {
  return (request: FastifyRequest, reply: FastifyReply) => deps.tus.forward(request, reply, null);
}

/**
 * Evidence blobs over HTTP: tus 1.0 uploads at `/api/blobs/` with the SHA-256 as upload id, and
 * `GET|HEAD /api/blobs/<sha256>` downloads. Registered in its own encapsulated context so that
 * the pass-through body parser for tus stays local to these routes.
 */
export async function registerBlobRoutes(
  app: FastifyInstance,
  options: BlobOptions,
): Promise<void> {
  const store = createBlobStore(options.store);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const verifier = createVerifier(store, options.access, options.maxPixels ?? DEFAULT_MAX_PIXELS);

  await app.register((scope, _options, done) => {
    const deps: BlobRouteDeps = {
      store,
      access: options.access,
      verifier,
      tus: createTusBridge(store, verifier, maxBytes, scope.log),
      maxBytes,
      creationLock: keyedMutex(),
    };
    scope.addHook('onClose', () => store.close());
    // Leave tus bodies unread: @tus/server streams them into the store. Fastify's bodyLimit
    // applies only to bodies Fastify reads itself, so chunks of several MiB pass.
    scope.addContentTypeParser(TUS_CONTENT_TYPE, (_request, _payload, parsed) => parsed(null));

    const id = `${BLOB_PATH}/:sha256`;
    const create = createUpload(deps);
    scope.post(BLOB_PATH, withToken('Create a tus upload named by its SHA-256'), create);
    scope.post(`${BLOB_PATH}/`, withToken('Create a tus upload (trailing slash)'), create);
    scope.patch(id, withToken('Append bytes to a tus upload'), patchUpload(deps));
    scope.head(id, withToken('Upload offset (tus) or blob headers'), headBlob(deps));
    // HEAD has its own handler above (tus clients use it too).
    scope.get(id, { ...withToken('Download a blob'), exposeHeadRoute: false }, getBlob(deps));
    for (const path of [BLOB_PATH, `${BLOB_PATH}/`, id]) scope.options(path, discover(deps));
    done();
  });
}
