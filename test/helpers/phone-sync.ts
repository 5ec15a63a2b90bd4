// What an e2e test reads off the phone about sync: the outbox and photo store as IndexedDB holds
// them, and what the sync chip and bar say, with whether any of it is cut off on a small screen.
import type { Page } from 'playwright-core';
import { z } from 'zod';

const OutboxRow = z.object({
  mutationId: z.string(),
  mutation: z.looseObject({ type: z.string() }),
  state: z.string(),
  attempts: z.number(),
  lastError: z.string().optional(),
  rejection: z.unknown().optional(),
});
const PhoneState = z.object({
  outbox: z.array(OutboxRow),
  blobs: z.array(z.object({ sha256: z.string(), uploaded: z.number() })),
});
export type PhoneState = z.infer<typeof PhoneState>;

/** The phone's outbox and photo store, read from its IndexedDB as they are. */
export async function phoneState(page: Page): Promise<PhoneState> {
  const raw: unknown = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('minh-chung');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
    const outbox = await all('outbox');
    // Bytes stay in the page: only what says whether a blob went up comes back.
    const blobs = (await all('blobs')).map((blob) =>
      typeof blob === 'object' && blob !== null && 'sha256' in blob && 'uploaded' in blob
        ? { sha256: blob.sha256, uploaded: blob.uploaded }
        : blob,
    );
    db.close();
    return { outbox, blobs };
  });
  return PhoneState.parse(raw);
}

/** What the officer is told, and whether any of it is cut off on the 360-px screen. */
export async function readUi(page: Page) {
  return page.evaluate(() => {
    const element = (selector: string) => document.querySelector<HTMLElement>(selector);
    const cut = (el: HTMLElement | null) => (el ? el.scrollWidth > el.clientWidth + 1 : false);
    const chip = element('[data-testid="sync-chip"] .sync-chip-text');
    const headline = element('[data-testid="sync-headline"]');
    const note = element('[data-testid="sync-note"]');
    // The note wraps: it is cut if any of it lies below the chip's panel or the screen.
    const panel = element('#sync-details')?.getBoundingClientRect();
    const noteCut =
      note !== null &&
      note.getBoundingClientRect().bottom > Math.min(panel?.bottom ?? 0, window.innerHeight) + 1;
    return {
      phase: element('[data-testid="sync-bar"]')?.dataset.phase ?? '',
      chip: chip?.textContent ?? '',
      headline: headline?.textContent ?? '',
      detail: element('[data-testid="sync-pending"]')?.textContent ?? '',
      note: note?.textContent ?? '',
      chipCut: cut(chip),
      headlineCut: cut(headline),
      noteCut,
    };
  });
}
