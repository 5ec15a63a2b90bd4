import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { answerAll } from '../helpers/answers';
import { launchPhone } from '../helpers/browser';
import { apiToken, signInOnPhone } from '../helpers/officer';
import { startServer, type RunningServer } from '../helpers/server-process';
import { seededIds, TestDevice } from '../helpers/sync-client';

/**
 * A refusal as the officer meets it: two phones of one commune; the first edits an answer with no
 * signal while the second sends the completed checklist for review. When the first phone comes
 * back online its edit is refused (the submission is under review now): the card says which value
 * was refused and why, in words, and the field shows the server's value again — the phone and the
 * server agree.
 */
const PASSWORD = 'mat-khau-e2e-2025';
const COMMUNE = '22789';
const SUBMISSION = submissionIdFor('cds-2025', COMMUNE);
const artifacts = path.resolve(import.meta.dirname, 'artifacts');

describe('a refused answer on the phone', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    context = await launchPhone();
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  it('shows the refused value, the reason and the server value, in Vietnamese and English', async () => {
    await signInOnPhone(page, server.url, `commune-${COMMUNE}`, PASSWORD);
    const card = page.getByTestId('indicator-1.2');
    await card.waitFor({ timeout: 30_000 });

    await context.setOffline(true);
    const count = card.getByRole('textbox', { name: 'cuộc họp' });
    await count.fill('9');
    // Saved on the phone (the outbox holds it) before the other phone acts.
    await expect
      .poll(() => page.getByTestId('sync-chip-count').locator('[aria-hidden="true"]').textContent())
      .toBe('1');

    // The second phone of the commune sends the completed checklist for review.
    const token = await apiToken(server.url, `commune-${COMMUNE}`, PASSWORD, 'phone 2');
    const other = new TestDevice(server.url, token, 'second-phone-of-22789');
    const nextId = seededIds(20261202);
    const response = await other.sync([
      ...answerAll(SUBMISSION, nextId),
      {
        id: nextId(),
        at: '2026-01-02T00:00:00.000Z',
        type: 'submission.transition',
        submissionId: SUBMISSION,
        event: 'submit',
      },
    ]);
    expect(response.rejections).toEqual([]);

    await context.setOffline(false);
    const note = card.getByTestId('refusal-1.2');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.textContent()).toContain(
      'Máy chủ không nhận «9»: hồ sơ đã được gửi hoặc đã duyệt nên không sửa được nữa.',
    );
    expect(await note.textContent()).toContain('Giá trị trên máy chủ, đang hiển thị: 5.');
    await expect.poll(() => count.inputValue()).toBe('5');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'refusal-vi.png') });

    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
    await expect
      .poll(() => note.textContent())
      .toContain(
        'The server did not accept “9”: the submission has been sent or approved, so it cannot be edited.',
      );
    expect(await note.textContent()).toContain('The server holds, and the phone now shows: 5.');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'refusal-en.png') });
  }, 180_000);
});
