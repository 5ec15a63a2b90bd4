import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ErrorCode } from '../../src/shared/errors';
import { HttpError } from '../errors';
import { SNIFF_PREFIX_BYTES, sniffBlob } from './sniff';
import type { BlobStore } from './store';
import type { BlobAccess, BlobActor, StoredBlobInfo } from './types';

export interface Verifier {
  /**
   * Checks a complete staged upload (hash, type, dimensions) and promotes it to a blob, or
   * deletes it and throws a 4xx HttpError. Concurrent calls for the same id share one run.
   */
  finalise(sha256: string, actor: BlobActor): Promise<StoredBlobInfo>;
}

interface Digest {
  sha256: string;
  bytes: number;
  prefix: Uint8Array;
}

/** One pass over the bytes: the hash of everything and the leading bytes for sniffing. */
async function digest(stream: Readable): Promise<Digest> {
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    if (headBytes < SNIFF_PREFIX_BYTES) {
      const piece = chunk.subarray(0, SNIFF_PREFIX_BYTES - headBytes);
      head.push(piece);
      headBytes += piece.length;
    }
  }
  return { sha256: hash.digest('hex'), bytes, prefix: Buffer.concat(head) };
}

function formatPixels(pixels: number): string {
  return `${(pixels / 1_000_000).toFixed(1)} megapixels`;
}

export function createVerifier(store: BlobStore, access: BlobAccess, maxPixels: number): Verifier {
  const running = new Map<string, Promise<StoredBlobInfo>>();

  async function refuse(sha256: string, error: HttpError): Promise<never> {
    // Nothing of a refused upload is kept: the client must not be able to resume into it, and
    // the bytes were never evidence.
    await store.discardStaged(sha256);
    throw error;
  }

  async function run(sha256: string, actor: BlobActor): Promise<StoredBlobInfo> {
    const result = await digest(await store.readStaged(sha256));
    if (result.sha256 !== sha256) {
      return refuse(
        sha256,
        new HttpError(
          ErrorCode.HASH_MISMATCH,
          'The uploaded bytes do not match the announced SHA-256',
          { expected: sha256, actual: result.sha256 },
        ),
      );
    }
    const sniffed = sniffBlob(result.prefix);
    if (!sniffed.ok) {
      return refuse(sha256, new HttpError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, sniffed.reason));
    }
    const { mime, width, height } = sniffed;
    if (width !== null && height !== null && width * height > maxPixels) {
      return refuse(
        sha256,
        new HttpError(
          ErrorCode.PAYLOAD_TOO_LARGE,
          `The image declares ${width}×${height} (${formatPixels(width * height)}), above the ` +
            `limit of ${formatPixels(maxPixels)}`,
          { width, height, maxPixels },
        ),
      );
    }
    await store.promote(sha256, mime);
    const blob: StoredBlobInfo = { sha256, mime, bytes: result.bytes, width, height };
    try {
      await access.onStored(actor, blob);
    } catch (error) {
      // Keep "a stored blob is a recorded blob": if recording fails the blob goes too, and the
      // client's retry uploads it again instead of deduplicating into an unrecorded blob.
      await store.remove(sha256).catch(() => undefined);
      throw error;
    }
    return blob;
  }

  return {
    finalise(sha256, actor) {
      const existing = running.get(sha256);
      if (existing) return existing;
      const promise = run(sha256, actor).finally(() => running.delete(sha256));
      running.set(sha256, promise);
      return promise;
    },
  };
}
