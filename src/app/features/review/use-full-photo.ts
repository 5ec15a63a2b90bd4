import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { MinhChungDb } from '../../db/database';
import { downloadBlob } from '../../sync/blob-download';

export type FullPhotoState =
  { kind: 'local' } | { kind: 'loading' } | { kind: 'offline' } | { kind: 'failed' };

/**
 * The full photo on demand: shown from the phone when it is there; otherwise fetched once (with
 * the reviewer's token) and kept, so the next opening works with no signal. The bytes themselves
 * are read by the viewer through useBlobUrl; this hook only makes sure they arrive. Offline, the
 * attempt fails at once and says so; opening the photo again with a connection fetches it.
 */
export function useFullPhoto(
  db: MinhChungDb,
  sha256: string,
  fetchOptions: { baseUrl: string; token: string },
): FullPhotoState {
  const local = useLiveQuery(async () => (await db.blobs.get(sha256)) !== undefined, [db, sha256]);
  // The outcome of the last attempt, by hash: a new attempt (back online) starts from "loading".
  const [failure, setFailure] = useState<{ sha256: string; kind: 'offline' | 'failed' } | null>(
    null,
  );
  const { baseUrl, token } = fetchOptions;
  useEffect(() => {
    if (local !== false) return;
    const abort = new AbortController();
    void downloadBlob(db, sha256, { baseUrl, getToken: () => token, signal: abort.signal }).then(
      (result) => {
        if (abort.signal.aborted) return;
        setFailure(
          result.ok ? null : { sha256, kind: result.kind === 'network' ? 'offline' : 'failed' },
        );
      },
    );
    return () => abort.abort();
  }, [db, sha256, local, baseUrl, token]);
  if (local) return { kind: 'local' };
  return failure?.sha256 === sha256 ? { kind: failure.kind } : { kind: 'loading' };
}
