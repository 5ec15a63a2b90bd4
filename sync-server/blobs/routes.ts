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
import { createBlobStore } from './store';
import { BLOB_PATH, createTusBridge, TUS_CONTENT_TYPE, TUS_VERSION } from './tus';
import type { BlobActor, BlobOptions, StoredBlobInfo } from './types';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS } from './types';
import { createVerifier } from './verify';

/**
 * Evidence blobs over HTTP: tus 1.0 uploads at `/api/blobs/` with the SHA-256 as upload id, and
 * `GET|HEAD /api/blobs/<sha256>` downloads. Registered in its own encapsulated context so that
 * the pass-through body parser for tus stays local to these routes.
 */
export async function registerBlobRoutes(
  app: FastifyInstance,
  options: BlobOptions,
): Promise<void> {
  const { access } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const store = createBlobStore(options.store);

  await app.register((scope, _options, done) => {
    const verifier = createVerifier(store, access, maxPixels);
    const tus = createTusBridge(store, verifier, maxBytes, scope.log);
    scope.addHook('onClose', () => store.close());

    // Leave tus bodies unread: @tus/server streams them into the store. Fastify's bodyLimit
    // applies only to bodies Fastify reads itself, so chunks of several MiB pass.
    scope.addContentTypeParser(TUS_CONTENT_TYPE, (_request, _payload, done) => {
      done(null);
    });

    const mayAccess = async (actor: BlobActor, sha256: string) =>
      (await access.mayRead(actor, sha256)) || (await access.mayUpload(actor, sha256));

    /** The existing upload URL, complete: tus-js-client finishes without sending a byte. */
    const answerStored = (reply: FastifyReply, sha256: string, bytes: number, status: number) =>
      reply
        .code(status)
        .header('tus-resumable', TUS_VERSION)
        .header('upload-offset', String(bytes))
        .header('upload-length', String(bytes))
        .header('cache-control', 'no-store')
        .header('location', `${BLOB_PATH}/${sha256}`)
        .send();

    /** Verifies a staged upload whose bytes are all there; null when it was refused and deleted. */
    const finaliseStaged = async (
      sha256: string,
      actor: BlobActor,
    ): Promise<StoredBlobInfo | null> => {
      try {
        return await verifier.finalise(sha256, actor);
      } catch (error) {
        if (isRefusal(error)) return null;
        throw error;
      }
    };

    // Two devices creating the same id at once would each start an upload (the second one
    // truncating or orphaning the first); the second must see the first and join it.
    const creationLock = keyedMutex();

    const create = async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = await access.authenticate(request);
      const sha256 = announcedSha256(request);
      if (!(await access.mayUpload(actor, sha256))) {
        throw new HttpError(
          403,
          ErrorCode.FORBIDDEN,
          'No evidence you may write references this file',
        );
      }
      const length = announcedLength(request, maxBytes);
      const release = await creationLock(sha256);
      try {
        return await createOrJoin(request, reply, actor, sha256, length, release);
      } finally {
        release();
      }
    };

    const createOrJoin = async (
      request: FastifyRequest,
      reply: FastifyReply,
      actor: BlobActor,
      sha256: string,
      length: number,
      release: () => void,
    ) => {
      const stored = await store.stat(sha256);
      if (stored) {
        if (stored.bytes !== length) {
          throw new HttpError(
            422,
            ErrorCode.HASH_MISMATCH,
            `A file with this SHA-256 is stored with ${stored.bytes} bytes, not ${length}`,
          );
        }
        return answerStored(reply, sha256, stored.bytes, 201);
      }

      const staged = await store.staged(sha256);
      if (staged && staged.size === length) {
        if (staged.offset < length) {
          // Another device (or an earlier attempt) is uploading the same bytes: join it rather
          // than truncating its progress. The client resumes from this offset (directly with
          // creation-with-upload, else after a 409 on its first PATCH and a HEAD).
          return reply
            .code(201)
            .header('tus-resumable', TUS_VERSION)
            .header('upload-offset', String(staged.offset))
            .header('location', `${BLOB_PATH}/${sha256}`)
            .send();
        }
        const blob = await finaliseStaged(sha256, actor);
        if (blob) return answerStored(reply, sha256, blob.bytes, 201);
      } else if (staged) {
        // A staged upload of another length cannot be these bytes; start over.
        await store.discardStaged(sha256);
      }
      // Released once the upload exists, not after a creation-with-upload body.
      return tus.forward(request, reply, actor, release);
    };
    scope.post(BLOB_PATH, create);
    scope.post(`${BLOB_PATH}/`, create);

    scope.patch<{ Params: IdParams }>(`${BLOB_PATH}/:sha256`, async (request, reply) => {
      const actor = await access.authenticate(request);
      const sha256 = idFrom(request);
      if (!(await access.mayUpload(actor, sha256))) {
        throw new HttpError(
          403,
          ErrorCode.FORBIDDEN,
          'No evidence you may write references this file',
        );
      }
      const stored = await store.stat(sha256);
      if (stored) {
        // Deduplicated while this client was sending: acknowledge everything without reading
        // the body, so the client stops here.
        return reply
          .code(204)
          .header('tus-resumable', TUS_VERSION)
          .header('upload-offset', String(stored.bytes))
          .send();
      }
      return tus.forward(request, reply, actor);
    });

    scope.head<{ Params: IdParams }>(`${BLOB_PATH}/:sha256`, async (request, reply) => {
      const actor = await access.authenticate(request);
      const sha256 = idFrom(request);
      const mayUpload = await access.mayUpload(actor, sha256);
      // Outsiders learn nothing, not even whether the blob exists.
      if (!mayUpload && !(await access.mayRead(actor, sha256))) {
        throw new HttpError(404, ErrorCode.NOT_FOUND, 'No such blob');
      }
      const isTus = request.headers['tus-resumable'] !== undefined;
      // A creation cut short may still be running (creation-with-upload: its bytes come with it);
      // wait until it has created the upload, or a retry would see "no such upload" and post the
      // bytes again.
      (await creationLock(sha256))();
      let stored = await store.stat(sha256);
      if (!stored) {
        const staged = await store.staged(sha256);
        const complete = staged?.size !== undefined && staged.offset === staged.size;
        if (complete && mayUpload) {
          // All bytes arrived but verification has not finished (it is running, or the server
          // stopped mid-way): finish it before saying "complete", because a client deletes its
          // local copy once the server confirms.
          // Only an uploader triggers it, so that onStored names someone who may write it.
          if (await finaliseStaged(sha256, actor)) stored = await store.stat(sha256);
        } else if (staged && !complete && isTus) {
          // A partial upload: tus answers the offset under its per-upload lock.
          return tus.forward(request, reply, actor);
        }
      }
      if (!stored) throw new HttpError(404, ErrorCode.NOT_FOUND, 'No such blob');
      return isTus
        ? answerStored(reply, sha256, stored.bytes, 200)
        : sendBlobHead(reply, sha256, stored);
    });

    scope.get<{ Params: IdParams }>(
      `${BLOB_PATH}/:sha256`,
      // HEAD has its own handler above (tus clients use it too).
      { exposeHeadRoute: false },
      async (request, reply) => {
        const actor = await access.authenticate(request);
        const sha256 = idFrom(request);
        if (!(await mayAccess(actor, sha256))) {
          throw new HttpError(404, ErrorCode.NOT_FOUND, 'No such blob');
        }
        const stored = await store.stat(sha256);
        if (!stored) throw new HttpError(404, ErrorCode.NOT_FOUND, 'No such blob');
        return sendBlob(request, reply, store, sha256, stored);
      },
    );

    // tus discovery (Tus-Version, Tus-Extension, Tus-Max-Size); reveals nothing about blobs.
    const discover = (request: FastifyRequest, reply: FastifyReply) =>
      tus.forward(request, reply, null);
    scope.options(BLOB_PATH, discover);
    scope.options(`${BLOB_PATH}/`, discover);
    scope.options(`${BLOB_PATH}/:sha256`, discover);
    done();
  });
}
