import type { MinhChungDb } from '../db/database';
import { sha256Hex } from '../features/backup/bytes';

export interface DownloadOptions {
  baseUrl: string;
  getToken: () => string | null;
  /** Aborts a download (e.g. the viewer closed, or the sync stopped). */
  signal?: AbortSignal;
}

export type DownloadResult =
  | { ok: true }
  /** The server does not have these bytes (not uploaded yet) or will not show them to us. */
  | { ok: false; kind: 'missing'; status: number }
  /** No connection, a cut body, a 5xx or a 429: try again later. */
  | { ok: false; kind: 'network'; message: string }
  /** The bytes are not what their name says: never stored. */
  | { ok: false; kind: 'corrupt' };

/**
 * Fetches a blob the phone does not hold (a thumbnail for the review screen, a full photo on
 * demand) and keeps it in the local blobs table, so it opens offline from then on. The bytes are
 * checked against their name — a blob is content-addressed, so a wrong hash means a broken
 * transfer — and stored as `uploaded: 1` (the server holds them: nothing to send back), as an
 * ArrayBuffer with its type, which every IndexedDB keeps faithfully.
 */
export async function downloadBlob(
  db: MinhChungDb,
  sha256: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const token = options.getToken();
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await fetch(`${options.baseUrl}/api/blobs/${sha256}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      return { ok: false, kind: 'network', message: `HTTP ${response.status}` };
    }
    if (!response.ok) return { ok: false, kind: 'missing', status: response.status };
    bytes = await response.arrayBuffer();
  } catch (error) {
    return { ok: false, kind: 'network', message: (error as Error).message };
  }
  if ((await sha256Hex(new Uint8Array(bytes))) !== sha256) return { ok: false, kind: 'corrupt' };
  const mime = response.headers.get('content-type')?.split(';')[0]?.trim() || 'image/jpeg';
  await db.transaction('rw', db.blobs, async () => {
    // Never replace bytes the phone holds already: they may be its own, not yet uploaded.
    if (await db.blobs.get(sha256)) return;
    await db.blobs.put({
      sha256,
      mime,
      size: bytes.byteLength,
      data: bytes,
      uploaded: 1,
      createdAt: new Date().toISOString(),
    });
  });
  return { ok: true };
}
