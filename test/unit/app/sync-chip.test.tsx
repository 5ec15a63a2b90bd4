// The app bar's chip and the sync bar under it count the same waiting work: the bar lists
// "6 changes · 1 photo" for six answers and a photo with its thumbnail, so the chip's bubble must
// say 7, not 8 (the photo's two files counted apart).
import { act, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MinhChungDb } from '../../../src/app/db/database';
import { SyncStatusBar } from '../../../src/app/features/sync-status/SyncStatusBar';
import { initI18n } from '../../../src/app/i18n';
import { SyncController } from '../../../src/app/sync/controller';
import { enqueue } from '../../../src/app/sync/outbox';
import { AppBar } from '../../../src/app/ui/AppBar';
import { submissionIdFor } from '../../../src/shared/protocol/record-ids';
import { answerAll } from '../../helpers/answers';

const open: MinhChungDb[] = [];
beforeAll(async () => {
  await initI18n('vi');
});
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const blob = (sha256: string, size: number) => ({
  sha256,
  mime: 'image/jpeg',
  size,
  data: new ArrayBuffer(size),
  uploaded: 0 as const,
  createdAt: '2026-03-01T00:00:00.000Z',
});

describe('the sync chip', () => {
  it('counts what the bar lists: a photo with its thumbnail is one', async () => {
    const db = new MinhChungDb('sync-chip');
    open.push(db);
    let next = 0;
    const answers = answerAll(submissionIdFor('cds-2025', '22783'), () => `m-${next++}`);
    for (const mutation of answers.slice(0, 6)) await enqueue(db, mutation, 'officer-1');
    const photo = 'a'.repeat(64);
    const thumb = 'b'.repeat(64);
    await db.blobs.bulkPut([blob(photo, 200_000), blob(thumb, 11_000)]);
    await db.records.put({
      collection: 'evidence',
      id: 'ev-1',
      fields: { sha256: photo, thumbSha256: thumb, mime: 'image/jpeg' },
    });
    // Not started: nothing goes to the network; the status is read as the running app reads it.
    const controller = new SyncController({
      db,
      baseUrl: 'http://127.0.0.1:9',
      getToken: () => null,
    });
    render(
      <MemoryRouter>
        <AppBar
          controller={controller}
          details={<SyncStatusBar db={db} controller={controller} />}
        />
      </MemoryRouter>,
    );
    await act(() => controller.refreshWork());

    expect(screen.getByTestId('sync-pending').textContent).toBe(
      '6 thay đổi chờ gửi · 1 ảnh, 206,1 KB',
    );
    const bubble = await screen.findByTestId('sync-chip-count');
    expect(within(bubble).getByText('7', { exact: true })).toBeTruthy();
    expect(bubble.getAttribute('title')).toBe('7 chờ gửi');

    // The photo is on the server, its thumbnail not yet: the photo still waits, for both.
    await db.blobs.update(photo, { uploaded: 1 });
    await act(() => controller.refreshWork());
    expect(screen.getByTestId('sync-pending').textContent).toBe(
      '6 thay đổi chờ gửi · 1 ảnh, 10,7 KB',
    );
    expect(screen.getByTestId('sync-chip-count').getAttribute('title')).toBe('7 chờ gửi');
  });
});
