// Shared pieces of the blob integration suites: a fake BlobAccess (tokens and allowed hashes in
// memory), a real Fastify server with the blob routes on either store, and a promise-returning
// tus-js-client upload.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { DetailedError, Upload } from 'tus-js-client';
import { ErrorCode } from '../../src/shared/errors';
import { registerBlobRoutes } from '../../sync-server/blobs';
import type {
  BlobAccess,
  BlobActor,
  BlobOptions,
  BlobStoreConfig,
  StoredBlobInfo,
} from '../../sync-server/blobs';
import { handleError, HttpError } from '../../sync-server/errors';
import { sha256Hex } from './images';
import { startS3, type S3Server } from './s3';

export { makeJpeg, makePng, makePngBomb, sha256Hex } from './images';

export type StoreKind = 'fs' | 's3';

export interface FakeAccess extends BlobAccess {
  /** Every onStored call, in order. */
  stored: StoredBlobInfo[];
  allowUpload(userId: string, sha256: string): void;
  allowRead(userId: string, sha256: string): void;
}

/** Tokens `token-<userId>` for the users alice (commune), bob (another commune), carol (district). */
export function createFakeAccess(): FakeAccess {
  const actors = new Map<string, BlobActor>([
    ['token-alice', { userId: 'alice', role: 'commune_officer', orgPath: '/58/584/22783/' }],
    ['token-bob', { userId: 'bob', role: 'commune_officer', orgPath: '/58/584/22786/' }],
    ['token-carol', { userId: 'carol', role: 'district_reviewer', orgPath: '/58/584/' }],
  ]);
  const uploads = new Set<string>();
  const reads = new Set<string>();
  const stored: StoredBlobInfo[] = [];
  return {
    stored,
    allowUpload: (userId, sha256) => uploads.add(`${userId}:${sha256}`),
    allowRead: (userId, sha256) => reads.add(`${userId}:${sha256}`),
    authenticate(request: FastifyRequest) {
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      const actor = token ? actors.get(token) : undefined;
      if (!actor) {
        return Promise.reject(new HttpError(ErrorCode.UNAUTHENTICATED, 'Sign in first'));
      }
      return Promise.resolve(actor);
    },
    mayUpload: (actor, sha256) => Promise.resolve(uploads.has(`${actor.userId}:${sha256}`)),
    mayRead: (actor, sha256) => Promise.resolve(reads.has(`${actor.userId}:${sha256}`)),
    onStored(_actor, blob) {
      stored.push(blob);
      return Promise.resolve();
    },
  };
}

export interface BlobServer {
  kind: StoreKind;
  app: FastifyInstance;
  baseUrl: string;
  port: number;
  endpoint: string;
  access: FakeAccess;
  /**
   * Everything in the store (staging included) that belongs to this hash: file paths for the
   * filesystem store, `object:<key>` / `multipart:<key>` entries for S3.
   */
  filesFor(sha256: string): Promise<string[]>;
  stop(): Promise<void>;
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(
    () => [],
  );
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * What an S3 bucket holds, read from s3rver's directory: `object:<key>` for every object (s3rver
 * keeps three files per object) and `multipart:<key>` for every unfinished multipart upload.
 */
async function listS3(bucketDirectory: string): Promise<string[]> {
  const entries: string[] = [];
  for (const file of await listFiles(bucketDirectory)) {
    const relative = path.relative(bucketDirectory, file);
    const uploads = '._S3rver_uploads' + path.sep;
    if (relative.startsWith(uploads)) {
      if (path.basename(file) === 'key') entries.push(`multipart:${await readFile(file, 'utf8')}`);
    } else if (relative.endsWith('._S3rver_object')) {
      entries.push(`object:${relative.slice(0, -'._S3rver_object'.length)}`);
    }
  }
  return entries;
}

/** A real Fastify server with only the blob routes, listening on 127.0.0.1. */
export async function startBlobServer(
  kind: StoreKind,
  options: Partial<Omit<BlobOptions, 'store' | 'access'>> = {},
): Promise<BlobServer> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), `mc-blobs-${kind}-`));
  let s3: S3Server | null = null;
  let store: BlobStoreConfig;
  if (kind === 's3') {
    // The SDK warns once per process that its 2027 releases will need Node 22; not news here.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    s3 = await startS3();
    const { bucket, endpoint, region, accessKeyId, secretAccessKey } = s3;
    store = { kind: 's3', bucket, endpoint, region, accessKeyId, secretAccessKey };
  } else {
    store = { kind: 'fs', directory: path.join(tmp, 'blobs') };
  }
  const access = createFakeAccess();
  // The production app's body limit, to show that tus chunks bypass it.
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.setErrorHandler(handleError);
  await registerBlobRoutes(app, { store, access, ...options });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const list = s3 ? () => listS3(s3.bucketDirectory) : () => listFiles(path.join(tmp, 'blobs'));
  return {
    kind,
    app,
    baseUrl,
    port: Number(new URL(baseUrl).port),
    endpoint: `${baseUrl}/api/blobs/`,
    access,
    async filesFor(sha256) {
      return (await list()).filter((entry) => entry.includes(sha256));
    },
    async stop() {
      await app.close();
      await s3?.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

type UploadOptions = ConstructorParameters<typeof Upload>[1];

export interface UploadOutcome {
  ok: boolean;
  /** The upload URL the client ended with. */
  url: string | null;
  /** Status and JSON error code of the failing response, when there was one. */
  status: number | null;
  code: string | null;
  error: Error | null;
  /** HTTP methods the client sent, in order. */
  methods: string[];
}

function errorCodeOf(body: string | undefined): string | null {
  try {
    const parsed = JSON.parse(body ?? '') as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : null;
  } catch {
    return null;
  }
}

/** Runs one tus-js-client upload to completion or failure; never rejects. */
export function tusUpload(
  bytes: Buffer,
  options: UploadOptions & { token: string | null; sha256?: string; filetype?: string },
): Promise<UploadOutcome> {
  const { token, sha256, filetype, ...rest } = options;
  const methods: string[] = [];
  return new Promise((resolve) => {
    const upload: Upload = new Upload(bytes, {
      metadata: { sha256: sha256 ?? sha256Hex(bytes), filetype: filetype ?? 'image/jpeg' },
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      chunkSize: 256 * 1024,
      // Failures must surface at once in tests unless a test opts into retries.
      retryDelays: null,
      ...rest,
      onBeforeRequest(request) {
        methods.push(request.getMethod());
        return rest.onBeforeRequest?.(request);
      },
      onSuccess() {
        resolve({ ok: true, url: upload.url, status: null, code: null, error: null, methods });
      },
      onError(error) {
        const response = error instanceof DetailedError ? error.originalResponse : null;
        resolve({
          ok: false,
          url: upload.url,
          status: response?.getStatus() ?? null,
          code: errorCodeOf(response?.getBody()),
          error,
          methods,
        });
      },
    });
    upload.start();
  });
}
