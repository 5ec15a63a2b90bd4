import { afterEach, describe, expect, it } from 'vitest';
import { MinhChungDb } from '../../../src/app/db/database';
import { readPendingWork } from '../../../src/app/sync/status';

const open: MinhChungDb[] = [];
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

describe('the work the status reports as waiting', () => {
  it('counts a photo and its thumbnail as one photo, waiting while either file does', async () => {
    const db = new MinhChungDb(`pending-work-${Date.now()}`);
    open.push(db);
    const photo = 'a'.repeat(64);
    const thumb = 'b'.repeat(64);
    const other = 'c'.repeat(64);
    await db.blobs.bulkPut([blob(photo, 200_000), blob(thumb, 11_000), blob(other, 150_000)]);
    await db.records.put({
      collection: 'evidence',
      id: 'ev-1',
      fields: { sha256: photo, thumbSha256: thumb, mime: 'image/jpeg' },
    });
    const { work } = await readPendingWork(db);
    expect(work).toMatchObject({ photos: 2, photoBytes: 361_000 });
    // The photo is on the server, its thumbnail not yet: that photo still waits.
    await db.blobs.update(photo, { uploaded: 1 });
    expect((await readPendingWork(db)).work).toMatchObject({ photos: 2, photoBytes: 161_000 });
    await db.blobs.update(thumb, { uploaded: 1 });
    expect((await readPendingWork(db)).work).toMatchObject({ photos: 1, photoBytes: 150_000 });
  });
});
