// Pieces of the review e2e: communes that fill in and submit through the API (with photos and
// their thumbnails uploaded, as a phone does), the server's own view of a submission, and the few
// gestures every phone repeats.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { openDatabase } from '../../sync-server/db/database';
import { answerAll } from './answers';
import { makePng, sha256Hex, tusUpload } from './blobs';
import { apiToken, signInOnPhone } from './officer';
import type { RunningServer } from './server-process';
import { seededIds, TestDevice } from './sync-client';

export const PASSWORD = 'mat-khau-e2e-2025';
export const artifacts = path.resolve(import.meta.dirname, '../e2e/artifacts');
export const submissionOf = (unit: string) => submissionIdFor('cds-2025', unit);

export const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().textContent()) ?? '';

const nextId = seededIds(20260401);

/** Two photos (1.1 and 1.2) with their thumbnails, taken in the campaign period, one with GPS. */
function evidenceFor(unit: string) {
  return ['1.1', '1.2'].map((indicatorId, n) => {
    const photo = makePng(480, 360);
    const thumb = makePng(160, 120);
    const mutation: Mutation = {
      id: nextId(),
      at: '2026-01-05T02:00:00.000Z',
      type: 'evidence.add',
      evidence: {
        id: nextId(),
        submissionId: submissionOf(unit),
        indicatorId,
        sha256: sha256Hex(photo),
        mime: 'image/png',
        bytes: photo.length,
        capturedAt: n === 0 ? '2025-06-03T09:15:00+07:00' : '2024-11-20T08:00:00+07:00',
        ...(n === 0 ? { gps: { lat: 11.93512, lng: 108.86621, accuracy: 8 } } : {}),
        caption: n === 0 ? 'Cuộc họp ban chỉ đạo' : 'Biên bản',
        thumbSha256: sha256Hex(thumb),
      },
    };
    return { mutation, photo, thumb };
  });
}

/** A commune's second phone answers everything, attaches two photos and submits. */
export async function communeSubmits(server: RunningServer, unit: string): Promise<void> {
  const token = await apiToken(server.url, `commune-${unit}`, PASSWORD, 'second phone');
  const device = new TestDevice(server.url, token, `second-phone-${unit}`);
  const evidence = evidenceFor(unit);
  const response = await device.sync([
    ...answerAll(submissionOf(unit), nextId),
    ...evidence.map((item) => item.mutation),
    {
      id: nextId(),
      at: '2026-01-05T03:00:00.000Z',
      type: 'submission.transition',
      submissionId: submissionOf(unit),
      event: 'submit',
    },
  ]);
  expect(response.rejections).toEqual([]);
  for (const { photo, thumb } of evidence) {
    for (const bytes of [photo, thumb]) {
      const upload = await tusUpload(bytes, {
        endpoint: `${server.url}/api/blobs/`,
        token,
        filetype: 'image/png',
      });
      expect(upload.ok).toBe(true);
    }
  }
}

/** The submission and its decisions as the server's database holds them. */
export async function onServer(server: RunningServer, unit: string) {
  const database = openDatabase('sqlite:minh-chung.sqlite', server.dataDir);
  try {
    const rows = await database.db
      .selectFrom('records')
      .select(['collection', 'id', 'data'])
      .where('collection', 'in', ['submission', 'review'])
      .execute();
    const parsed = rows.map((row) => ({
      ...row,
      fields: JSON.parse(row.data) as Record<string, unknown>,
    }));
    const submission = parsed.find(
      (row) => row.collection === 'submission' && row.id === submissionOf(unit),
    );
    const reviews = parsed
      .filter(
        (row) => row.collection === 'review' && row.fields.submissionId === submissionOf(unit),
      )
      .map((row) => row.fields);
    return { status: submission?.fields.status, reviews };
  } finally {
    await database.close();
  }
}

/** Signs in and waits until the first sync has put the user's screen on the phone. */
export async function signIn(page: Page, server: RunningServer, username: string, ready: string) {
  page.on('dialog', (dialog) => void dialog.accept());
  await signInOnPhone(page, server.url, username, PASSWORD);
  await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
  await expect.poll(() => text(page, 'sync-headline'), { timeout: 30_000 }).toMatch(/^Đã đồng bộ/);
}

/** "Đồng bộ ngay" from the app bar's sync chip, then the chip closed again. */
export async function syncNow(page: Page) {
  await page.getByTestId('sync-chip').click();
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect
    .poll(() => text(page, 'sync-pending'), { timeout: 30_000 })
    .toBe('Mọi thay đổi đã lên máy chủ');
  await expect.poll(() => text(page, 'sync-headline'), { timeout: 30_000 }).toMatch(/^Đã đồng bộ/);
  await page.getByTestId('sync-chip').click();
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}
