// A throwaway S3 API for integration tests: s3rver on a free 127.0.0.1 port, storing into a temp
// directory, with one bucket created.
//
// s3rver 3.7 lacks two multipart operations that @tus/s3-store relies on: ListParts (how the store
// learns an upload's offset) and AbortMultipartUpload (how it discards one). A small Koa
// middleware placed in front of s3rver's router answers them from s3rver's own on-disk layout
// (`<dir>/<bucket>/._S3rver_uploads/<uploadId>/<partNumber>` with `<partNumber>.md5`).
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  body: unknown;
  type: string;
}
type KoaMiddleware = (context: KoaContext, next: () => Promise<void>) => Promise<void>;

interface S3rverInstance {
  middleware: KoaMiddleware[];
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}) => S3rverInstance;

export interface S3Server {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where s3rver keeps the bucket's objects and multipart uploads on disk. */
  bucketDirectory: string;
  stop(): Promise<void>;
}

const UPLOADS_DIR = '._S3rver_uploads';

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function noSuchUpload(context: KoaContext, uploadId: string): void {
  context.status = 404;
  context.type = 'application/xml';
  context.body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchUpload</Code>' +
    '<Message>The specified upload does not exist.</Message>' +
    `<UploadId>${xmlEscape(uploadId)}</UploadId></Error>`;
}

async function listParts(uploadDir: string): Promise<string> {
  const names = await readdir(uploadDir);
  const numbers = names
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => a - b);
  const parts = await Promise.all(
    numbers.map(async (number) => {
      const file = path.join(uploadDir, String(number));
      const [info, md5] = await Promise.all([stat(file), readFile(`${file}.md5`, 'utf8')]);
      return (
        `<Part><PartNumber>${number}</PartNumber>` +
        `<LastModified>${info.mtime.toISOString()}</LastModified>` +
        `<ETag>"${md5.trim()}"</ETag><Size>${info.size}</Size></Part>`
      );
    }),
  );
  return parts.join('');
}

function multipartExtensions(directory: string, bucket: string): KoaMiddleware {
  return async (context, next) => {
    const uploadId = context.query.uploadId;
    const match = new RegExp(`^/${bucket}/(.+)$`).exec(context.path);
    const otherQuery = Object.keys(context.query).some(
      (name) => !['uploadId', 'max-parts', 'part-number-marker', 'x-id'].includes(name),
    );
    if (typeof uploadId !== 'string' || !match?.[1] || otherQuery) return next();
    if (context.method !== 'GET' && context.method !== 'DELETE') return next();
    if (!/^[0-9a-f]+$/.test(uploadId)) return noSuchUpload(context, uploadId);

    const uploadDir = path.join(directory, bucket, UPLOADS_DIR, uploadId);
    const exists = await stat(uploadDir).then(
      () => true,
      () => false,
    );
    if (!exists) return noSuchUpload(context, uploadId);

    if (context.method === 'DELETE') {
      await rm(uploadDir, { recursive: true, force: true });
      context.status = 204;
      context.body = '';
      return;
    }
    context.status = 200;
    context.type = 'application/xml';
    context.body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(decodeURIComponent(match[1]))}</Key>` +
      `<UploadId>${uploadId}</UploadId><MaxParts>10000</MaxParts><IsTruncated>false</IsTruncated>` +
      (await listParts(uploadDir)) +
      '</ListPartsResult>';
  };
}

/** Starts s3rver with `bucket` created; `stop()` shuts it down and deletes its files. */
export async function startS3(bucket = 'evidence'): Promise<S3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'mc-s3rver-'));
  // s3rver ships no type declarations; the constructor is described above.
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  // Koa composes its middleware when the server starts listening, so this runs first.
  server.middleware.unshift(multipartExtensions(directory, bucket));
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    // s3rver's built-in account.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    bucketDirectory: path.join(directory, bucket),
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
