import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import type { MinhChungDb } from '../../db/database';

/** An object URL for locally stored bytes (revoked when no longer shown), or null when this device
 * does not hold them (e.g. a photo taken on another phone). */
export function useBlobUrl(
  db: MinhChungDb,
  sha256: string | undefined,
): { url: string | null; uploaded: boolean; refusal?: string } {
  const blob = useLiveQuery(() => (sha256 ? db.blobs.get(sha256) : undefined), [db, sha256]);
  const url = useMemo(() => {
    if (!blob) return null;
    const data = blob.data instanceof Blob ? blob.data : new Blob([blob.data], { type: blob.mime });
    return URL.createObjectURL(data);
  }, [blob]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return {
    url,
    uploaded: blob?.uploaded === 1,
    ...(blob?.refusal ? { refusal: blob.refusal } : {}),
  };
}
