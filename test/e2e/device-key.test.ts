import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone } from '../helpers/browser';
import { signInOnPhone } from '../helpers/officer';
import { startServer, type RunningServer } from '../helpers/server-process';

/**
 * The signing key in a real browser (docs/sync-protocol.md, "Signed relay"): signing in makes an
 * ECDSA P-256 key pair, registers the public half (the server names its key id back) and keeps
 * the private half in IndexedDB as a CryptoKey that script can use but not read.
 */
const PASSWORD = 'mat-khau-e2e-2025';

interface StoredKey {
  keyId: string;
  type: string;
  extractable: boolean;
  algorithm: string;
  curve: string;
  exportRefused: boolean;
  signatureBytes: number;
}

/** Reads the stored key back from IndexedDB and tries to use it, inside the page. */
function readKeyInPage(page: Page): Promise<StoredKey | null> {
  return page.evaluate(
    () =>
      new Promise<StoredKey | null>((resolve, reject) => {
        const open = indexedDB.open('minh-chung');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const read = open.result
            .transaction('syncState')
            .objectStore('syncState')
            .get('deviceKey');
          read.onsuccess = async () => {
            const row = read.result as
              { value: { keyId: string; privateKey: CryptoKey } } | undefined;
            if (!row) return resolve(null);
            const key = row.value.privateKey;
            const algorithm = key.algorithm as EcKeyAlgorithm;
            const exportRefused = await crypto.subtle.exportKey('pkcs8', key).then(
              () => false,
              () => true,
            );
            const signature = await crypto.subtle.sign(
              { name: 'ECDSA', hash: 'SHA-256' },
              key,
              new Uint8Array([1, 2, 3]),
            );
            resolve({
              keyId: row.value.keyId,
              type: key.type,
              extractable: key.extractable,
              algorithm: algorithm.name,
              curve: algorithm.namedCurve,
              exportRefused,
              signatureBytes: signature.byteLength,
            });
          };
        };
      }),
  );
}

describe('the device signing key in Chromium', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    context = await launchPhone();
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  it('is made at sign-in, registered with the server, and kept unextractable', async () => {
    const login = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
    await signInOnPhone(page, server.url, 'commune-22783', PASSWORD);
    const answer = (await (await login).json()) as { keyId?: string };
    expect(answer.keyId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await page.getByTestId('indicator-1.2').waitFor({ timeout: 30_000 });
    await expect.poll(() => readKeyInPage(page).then((key) => key?.keyId)).toBe(answer.keyId);
    expect(await readKeyInPage(page)).toEqual({
      keyId: answer.keyId,
      type: 'private',
      extractable: false,
      algorithm: 'ECDSA',
      curve: 'P-256',
      exportRefused: true,
      signatureBytes: 64,
    });
  }, 120_000);
});
