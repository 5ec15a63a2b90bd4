import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiErrorBody, ErrorCode } from '../../src/shared/errors';
import type { BlobStat, BlobStore, ByteRange } from './store';

/** A blob never changes (its name is its hash), so caches may keep it forever — privately. */
export const BLOB_CACHE_CONTROL = 'private, max-age=31536000, immutable';

/**
 * Parses a single `bytes=` range (RFC 9110). Returns null to serve the whole blob (no header, a
 * malformed one, or several ranges, which a server may ignore) and 'unsatisfiable' for a range
 * that starts beyond the end.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    // A suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}

function etagOf(sha256: string): string {
  return `"${sha256}"`;
}

function matchesEtag(header: string | undefined, sha256: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etagOf(sha256));
}

/**
 * A document opened from its URL runs in the server's origin. A PDF (or any non-image type a
 * later version accepts) is therefore downloaded, never rendered inline, and sandboxed should a
 * browser render it anyway: no script, no same-origin access, no loads. Images stay inline —
 * the app shows them with <img>, which runs nothing.
 */
export const DOCUMENT_CSP = "sandbox; default-src 'none'";

function setBlobHeaders(reply: FastifyReply, sha256: string, blob: BlobStat): void {
  void reply
    .header('content-type', blob.mime)
    .header('etag', etagOf(sha256))
    .header('cache-control', BLOB_CACHE_CONTROL)
    .header('accept-ranges', 'bytes')
    .header('x-content-type-options', 'nosniff')
    // Harmless for an <img> (a resource's CSP does not apply where it is embedded), and whatever
    // is opened directly runs nothing.
    .header('content-security-policy', DOCUMENT_CSP);
  if (!blob.mime.startsWith('image/')) {
    void reply.header(
      'content-disposition',
      `attachment; filename="${sha256}${blob.mime === 'application/pdf' ? '.pdf' : ''}"`,
    );
  }
}

/** Answers a plain (non-tus) HEAD for a stored blob. */
export function sendBlobHead(reply: FastifyReply, sha256: string, blob: BlobStat): FastifyReply {
  setBlobHeaders(reply, sha256, blob);
  return reply.code(200).header('content-length', String(blob.bytes)).send();
}

/** Streams a stored blob, honouring If-None-Match and a single Range. */
export async function sendBlob(
  request: FastifyRequest,
  reply: FastifyReply,
  store: BlobStore,
  sha256: string,
  blob: BlobStat,
): Promise<FastifyReply> {
  setBlobHeaders(reply, sha256, blob);
  if (matchesEtag(request.headers['if-none-match'], sha256)) {
    return reply.code(304).send();
  }
  const range = parseRange(request.headers.range, blob.bytes);
  if (range === 'unsatisfiable') {
    return reply
      .code(416)
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-range', `bytes */${blob.bytes}`)
      .send(apiErrorBody(ErrorCode.VALIDATION_FAILED, 'The requested range is not satisfiable'));
  }
  if (range) {
    const stream = await store.read(sha256, range);
    return reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${blob.bytes}`)
      .header('content-length', String(range.end - range.start + 1))
      .send(stream);
  }
  const stream = await store.read(sha256);
  return reply.code(200).header('content-length', String(blob.bytes)).send(stream);
}
