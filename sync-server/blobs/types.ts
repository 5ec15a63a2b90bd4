import type { FastifyRequest } from 'fastify';

/** Who is calling, as far as the blob routes care. */
export interface BlobActor {
  userId: string;
  role: string;
  orgPath: string;
}

/** What the blob routes know about a stored, verified blob. */
export interface StoredBlobInfo {
  sha256: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
}

/**
 * The blob routes do not know the database: the caller decides who may upload or read which hash
 * (in the real server: an evidence record the actor may write / see references it).
 */
export interface BlobAccess {
  /** Resolves the caller from the request (Bearer token); throws HttpError(401, 'UNAUTHENTICATED') when missing/invalid. */
  authenticate(request: FastifyRequest): Promise<BlobActor>;
  /** May this actor upload bytes for this sha256? (true when an evidence record the actor may write references it as sha256 or thumbSha256) */
  mayUpload(actor: BlobActor, sha256: string): Promise<boolean>;
  /** May this actor read this blob? (true when the actor may see an evidence record that references it) */
  mayRead(actor: BlobActor, sha256: string): Promise<boolean>;
  /** Called once a blob is stored and verified (the lead will record it in the DB and audit log). */
  onStored(actor: BlobActor, blob: StoredBlobInfo): Promise<void>;
}

export type BlobStoreConfig =
  | { kind: 'fs'; directory: string }
  | {
      kind: 's3';
      bucket: string;
      endpoint: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle?: boolean;
    };

export interface BlobOptions {
  store: BlobStoreConfig;
  access: BlobAccess;
  /** Largest accepted upload in bytes; default 15 MiB. */
  maxBytes?: number;
  /** Largest accepted image area (width × height); default 50 megapixels. */
  maxPixels?: number;
}

export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
export const DEFAULT_MAX_PIXELS = 50_000_000;

/** Blob ids are the SHA-256 of the bytes, as 64 lowercase hex digits. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256_PATTERN.test(value);
}
