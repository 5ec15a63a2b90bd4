// Parsing and small utilities for the blob routes.
import { Metadata } from '@tus/server';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../../src/shared/errors';
import { HttpError } from '../errors';
import { isSha256 } from './types';

export interface IdParams {
  sha256: string;
}

function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function idFrom(request: FastifyRequest<{ Params: IdParams }>): string {
  const { sha256 } = request.params;
  // Anything but a lowercase SHA-256 cannot name a blob.
  if (!isSha256(sha256)) throw new HttpError(ErrorCode.NOT_FOUND, 'No such blob');
  return sha256;
}

export function announcedSha256(request: FastifyRequest): string {
  let metadata: Record<string, string | null>;
  try {
    metadata = Metadata.parse(singleHeader(request, 'upload-metadata'));
  } catch {
    throw new HttpError(ErrorCode.VALIDATION_FAILED, 'Upload-Metadata is malformed');
  }
  const sha256 = metadata.sha256;
  if (!isSha256(sha256)) {
    throw new HttpError(
      ErrorCode.VALIDATION_FAILED,
      'Upload-Metadata must carry sha256: the SHA-256 of the bytes as 64 lowercase hex digits',
    );
  }
  return sha256;
}

export function announcedLength(request: FastifyRequest, maxBytes: number): number {
  const raw = singleHeader(request, 'upload-length');
  if (raw === undefined || !/^\d{1,16}$/.test(raw)) {
    // Deferred length is not offered: the size limit must be checked before any byte arrives.
    throw new HttpError(ErrorCode.VALIDATION_FAILED, 'Upload-Length is required');
  }
  const length = Number(raw);
  if (length === 0) {
    throw new HttpError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'An empty file is not evidence');
  }
  if (length > maxBytes) {
    throw new HttpError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The file has ${length} bytes; the limit is ${maxBytes}`,
      { maxBytes },
    );
  }
  return length;
}

/**
 * Serialises work per key inside this process: `await acquire(key)` resolves with a release
 * function once every earlier holder of the key has released.
 */
export function keyedMutex(): (key: string) => Promise<() => void> {
  const tails = new Map<string, Promise<void>>();
  return async (key) => {
    const previous = tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    tails.set(key, tail);
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
  };
}

/** Whether a verification failure was the client's bytes (4xx) rather than the server's fault. */
export function isRefusal(error: unknown): boolean {
  return error instanceof HttpError && error.statusCode < 500;
}
