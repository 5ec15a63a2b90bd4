import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../sync-server/db/database';
import { answerIdFor, submissionIdFor } from '../../src/shared/protocol/record-ids';
import { launchPhone } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server-process';

const PASSWORD = 'mat-khau-e2e-2025';
const COMMUNE = '22798';

/**
 * A change saved offline reaches the server through the service worker's Background Sync handler
 * after the app has been closed: the app registered the 'mc-sync' tag while offline, and
 * Chromium fires it when the connection returns. With no page open, only the worker can send it.
 */
describe('Background Sync with the app closed', () => {
  let server: RunningServer;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    context = await launchPhone();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  it('sends the queued answer from the service worker', async () => {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Tên đăng nhập').fill(`commune-${COMMUNE}`);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('indicator-1.2').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });

    await context.setOffline(true);
    await page.getByTestId('indicator-1.2').locator('input[inputmode="numeric"]').fill('4');
    await expect
      .poll(async () => (await page.getByTestId('sync-pending').textContent()) ?? '')
      .toBe('1 thay đổi chờ gửi');
    await page.close();
    await context.setOffline(false);

    const database = openDatabase('sqlite:minh-chung.sqlite', server.dataDir);
    try {
      const answerId = answerIdFor(submissionIdFor('cds-2025', COMMUNE), '1.2');
      await expect
        .poll(
          async () => {
            const row = await database.db
              .selectFrom('records')
              .select('data')
              .where('collection', '=', 'answer')
              .where('id', '=', answerId)
              .executeTakeFirst();
            return row ? (JSON.parse(row.data) as { value: unknown }).value : null;
          },
          { timeout: 20_000 },
        )
        .toBe(4);
    } finally {
      await database.close();
    }
  }, 90_000);
});
