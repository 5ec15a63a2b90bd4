import { createReadStream, mkdirSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { ERRORS } from '@tus/server';
import { MIME_PREFIX_BYTES, sniffMime } from './sniff';
import type { BlobStat, BlobStore, ByteRange, StagedUpload } from './store';

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** tus stores signal "no such upload" with its own error objects rather than exceptions. */
export function isTusNotFound(error: unknown): boolean {
  return error === ERRORS.FILE_NOT_FOUND || error === ERRORS.FILE_NO_LONGER_EXISTS;
}

async function readPrefix(file: string, length: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Filesystem layout: final blobs at `<dir>/<first two hex digits>/<sha256>` (fan-out keeps
 * directories small at national scale), partial uploads in `<dir>/.uploads/<sha256>` with the
 * tus metadata next to them as `<sha256>.json`. Both live on the same filesystem, so promotion is
 * an atomic rename and a reader never sees half a blob.
 */
export function createFsBlobStore(directory: string): BlobStore {
  const root = path.resolve(directory);
  const stagingDir = path.join(root, '.uploads');
  // FileStore creates its directory asynchronously and throws from a callback on failure; create
  // it first so that a bad BLOB_STORE path fails at startup with a clear error.
  mkdirSync(stagingDir, { recursive: true });
  const datastore = new FileStore({ directory: stagingDir });
  const finalPath = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  const stagedPath = (sha256: string) => path.join(stagingDir, sha256);

  return {
    datastore,
    description: `filesystem ${root}`,

    async stat(sha256): Promise<BlobStat | null> {
      const file = finalPath(sha256);
      try {
        const info = await stat(file);
        if (!info.isFile()) return null;
        // The type is sniffed again rather than kept in a sidecar file: 16 bytes are cheap to
        // read and there is nothing to keep consistent.
        const mime = sniffMime(await readPrefix(file, MIME_PREFIX_BYTES));
        return { bytes: info.size, mime: mime ?? 'application/octet-stream' };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    read(sha256, range?: ByteRange): Promise<Readable> {
      return Promise.resolve(
        createReadStream(finalPath(sha256), range ? { start: range.start, end: range.end } : {}),
      );
    },

    async staged(sha256): Promise<StagedUpload | null> {
      try {
        const upload = await datastore.getUpload(sha256);
        return { offset: upload.offset, size: upload.size };
      } catch (error) {
        if (isTusNotFound(error)) return null;
        throw error;
      }
    },

    readStaged(sha256): Promise<Readable> {
      return Promise.resolve(createReadStream(stagedPath(sha256)));
    },

    async promote(sha256): Promise<void> {
      const target = finalPath(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(stagedPath(sha256), target);
      await rm(path.join(stagingDir, `${sha256}.json`), { force: true });
    },

    async discardStaged(sha256): Promise<void> {
      await rm(stagedPath(sha256), { force: true });
      await rm(path.join(stagingDir, `${sha256}.json`), { force: true });
    },

    async remove(sha256): Promise<void> {
      await rm(finalPath(sha256), { force: true });
    },

    close(): Promise<void> {
      return Promise.resolve();
    },
  };
}
