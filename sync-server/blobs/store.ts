import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/server';
import { createFsBlobStore } from './fs-store';
import { createS3BlobStore } from './s3-store';
import type { BlobStoreConfig } from './types';

/** A verified blob as the download routes see it. */
export interface BlobStat {
  bytes: number;
  mime: string;
}

/** An inclusive byte range, already checked against the blob's size. */
export interface ByteRange {
  start: number;
  end: number;
}

/** The state of an upload still in the tus staging area. */
export interface StagedUpload {
  offset: number;
  size: number | undefined;
}

/**
 * One interface over the filesystem and S3 so that the routes and the verifier behave the same
 * on both. Two areas: *staging*, owned by the tus data store (partial uploads, addressed by the
 * same sha256 id), and *final* blobs, which only ever hold bytes whose hash and type were checked.
 */
export interface BlobStore {
  /** The tus data store that holds partial uploads. */
  readonly datastore: DataStore;
  /** Describes this store for logs (never includes credentials). */
  readonly description: string;
  /** A verified blob's size and sniffed type, or null when there is none. */
  stat(sha256: string): Promise<BlobStat | null>;
  /** The verified blob's bytes (or a range of them). */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
  /** The staged upload for this id, or null when there is none. */
  staged(sha256: string): Promise<StagedUpload | null>;
  /** The bytes of a complete staged upload, for verification. */
  readStaged(sha256: string): Promise<Readable>;
  /** Moves a verified staged upload to its final key; the staging entry is gone afterwards. */
  promote(sha256: string, mime: string): Promise<void>;
  /** Deletes a staged upload and everything it left behind; a no-op when there is none. */
  discardStaged(sha256: string): Promise<void>;
  /** Deletes a final blob; a no-op when there is none. */
  remove(sha256: string): Promise<void>;
  /** Releases sockets and timers. */
  close(): Promise<void>;
}

export function createBlobStore(config: BlobStoreConfig): BlobStore {
  return config.kind === 'fs' ? createFsBlobStore(config.directory) : createS3BlobStore(config);
}
