import { useCallback, useEffect, useState } from 'react';

export type PersistState = 'persisted' | 'not-persisted' | 'unsupported' | 'unknown';

export interface StorageInfo {
  persist: PersistState;
  usage: number | null;
  quota: number | null;
}

async function read(): Promise<StorageInfo> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persisted) return { persist: 'unsupported', usage: null, quota: null };
  const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate ? storage.estimate() : Promise.resolve(undefined)]);
  return { persist: persisted ? 'persisted' : 'not-persisted', usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/**
 * Whether the browser has promised to keep our IndexedDB (navigator.storage.persist), and how
 * much space is used. Asked once at start; the user can ask again from the data screen.
 */
export function useStorage(): { info: StorageInfo; requestPersist: () => Promise<void> } {
  const [info, setInfo] = useState<StorageInfo>({ persist: 'unknown', usage: null, quota: null });
  useEffect(() => {
    let live = true;
    void read().then((next) => live && setInfo(next));
    return () => {
      live = false;
    };
  }, []);
  const requestPersist = useCallback(async () => {
    await navigator.storage?.persist?.();
    setInfo(await read());
  }, []);
  return { info, requestPersist };
}

/** Called once when the app starts with a signed-in user: installed PWAs usually get it granted. */
export async function askPersistOnce(): Promise<void> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist || !storage.persisted) return;
  if (!(await storage.persisted())) await storage.persist();
}
