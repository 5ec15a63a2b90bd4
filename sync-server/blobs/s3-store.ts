import { Readable } from 'node:stream';
import { S3Store } from '@tus/s3-store';
import { isTusNotFound } from './fs-store';
import type { BlobStat, BlobStore, ByteRange, StagedUpload } from './store';
import type { BlobStoreConfig } from './types';

type S3Config = Extract<BlobStoreConfig, { kind: 's3' }>;

/** User metadata set on an object once its hash and type were checked. */
const VERIFIED_KEY = 'mc-verified';

function isS3NotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return (
    name === 'NotFound' ||
    name === 'NoSuchKey' ||
    name === 'NoSuchUpload' ||
    $metadata?.httpStatusCode === 404
  );
}

function toReadable(body: unknown): Readable {
  // In Node the SDK returns an IncomingMessage (a Readable) for object bodies.
  if (body instanceof Readable) return body;
  throw new Error('S3 returned an object body that is not a Node stream');
}

/**
 * The tus S3 store with the few extra object operations the blob store needs, using the store's
 * own client (one connection pool, one configuration).
 *
 * Layout, which @tus/s3-store dictates: an upload in progress is an S3 multipart upload for key
 * `<sha256>` plus `<sha256>.info` (tus metadata) and `<sha256>.part` (a tail smaller than S3's
 * 5 MiB minimum part); completing the multipart upload creates the object `<sha256>`. Such an
 * object is *not yet* a blob: it becomes one when verification copies it onto itself with the
 * sniffed Content-Type and the `mc-verified` marker, so one HeadObject answers "is it stored?".
 */
class BlobS3Store extends S3Store {
  async head(key: string): Promise<{ bytes: number; mime: string; verified: boolean } | null> {
    try {
      const head = await this.client.headObject({ Bucket: this.bucket, Key: key });
      return {
        bytes: head.ContentLength ?? 0,
        mime: head.ContentType ?? 'application/octet-stream',
        verified: head.Metadata?.[VERIFIED_KEY] === '1',
      };
    } catch (error) {
      if (isS3NotFound(error)) return null;
      throw error;
    }
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const object = await this.client.getObject({
      Bucket: this.bucket,
      Key: key,
      Range: range ? `bytes=${range.start}-${range.end}` : undefined,
    });
    return toReadable(object.Body);
  }

  async markVerified(key: string, mime: string): Promise<void> {
    await this.client.copyObject({
      Bucket: this.bucket,
      Key: key,
      CopySource: `${this.bucket}/${key}`,
      MetadataDirective: 'REPLACE',
      ContentType: mime,
      Metadata: { [VERIFIED_KEY]: '1' },
    });
  }

  async deleteKeys(keys: string[]): Promise<void> {
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
    });
  }

  /** Aborts the multipart upload behind a staged id, if any. */
  async abortStaged(id: string): Promise<void> {
    try {
      const { 'upload-id': uploadId } = await this.getMetadata(id);
      await this.client.abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: uploadId });
    } catch (error) {
      if (!isS3NotFound(error)) throw error;
    }
  }

  async forget(id: string): Promise<void> {
    await this.clearCache(id);
  }

  close(): void {
    this.client.destroy();
  }
}

export function createS3BlobStore(config: S3Config): BlobStore {
  const datastore = new BlobS3Store({
    s3ClientConfig: {
      bucket: config.bucket,
      endpoint: config.endpoint,
      region: config.region,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      forcePathStyle: config.forcePathStyle ?? true,
      // Newer SDKs add CRC checksums and aws-chunked bodies by default; many S3-compatible stores
      // (older MinIO and Ceph, s3rver) do not understand them. Checksums only where S3 demands.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    },
  });

  return {
    datastore,
    description: `s3 ${config.endpoint} bucket ${config.bucket}`,

    async stat(sha256): Promise<BlobStat | null> {
      const head = await datastore.head(sha256);
      return head?.verified ? { bytes: head.bytes, mime: head.mime } : null;
    },

    read(sha256, range?: ByteRange): Promise<Readable> {
      return datastore.open(sha256, range);
    },

    async staged(sha256): Promise<StagedUpload | null> {
      try {
        const upload = await datastore.getUpload(sha256);
        return { offset: upload.offset, size: upload.size };
      } catch (error) {
        if (isTusNotFound(error) || isS3NotFound(error)) return null;
        throw error;
      }
    },

    readStaged(sha256): Promise<Readable> {
      return datastore.open(sha256);
    },

    async promote(sha256, mime): Promise<void> {
      await datastore.markVerified(sha256, mime);
      await datastore.deleteKeys([`${sha256}.info`, `${sha256}.part`]);
      await datastore.forget(sha256);
    },

    async discardStaged(sha256): Promise<void> {
      await datastore.abortStaged(sha256);
      const keys = [`${sha256}.info`, `${sha256}.part`];
      // The object itself exists only if the multipart upload completed; never delete it once
      // it is a verified blob (another upload may have finished it meanwhile).
      const head = await datastore.head(sha256);
      if (head && !head.verified) keys.push(sha256);
      await datastore.deleteKeys(keys);
      await datastore.forget(sha256);
    },

    async remove(sha256): Promise<void> {
      await datastore.deleteKeys([sha256]);
    },

    close(): Promise<void> {
      datastore.close();
      return Promise.resolve();
    },
  };
}
