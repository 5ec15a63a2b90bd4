import { afterEach, describe, expect, it } from 'vitest';
import { MinhChungDb } from '../../../src/app/db/database';
import {
  EvidenceSaveError,
  storeProcessedEvidence,
} from '../../../src/app/features/evidence/repository';
import type { ProcessedEvidence } from '../../../src/app/features/evidence/photo-pipeline';

const dbs: MinhChungDb[] = [];
let created = 0;
const freshDb = () => {
  const db = new MinhChungDb(`evidence-store-${created++}`);
  dbs.push(db);
  return db;
};
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

// What the on-device pipeline hands over (it needs a real canvas, so its own tests run in
// Chromium); ArrayBuffers because jsdom Blobs do not survive fake-indexeddb.
const processed = (): ProcessedEvidence =>
  ({
    bytes: new ArrayBuffer(1000),
    mime: 'image/jpeg',
    sha256: 'a'.repeat(64),
    size: 1000,
    width: 1600,
    height: 1200,
    capturedAt: '2025-03-14T09:26:53+07:00',
    gps: { lat: 11.56, lng: 108.98 },
    thumbnail: { bytes: new ArrayBuffer(100), sha256: 'b'.repeat(64), width: 320, height: 240 },
  }) as unknown as ProcessedEvidence;

const target = { userId: 'officer-1', submissionId: 'cds-2025@22783', indicatorId: '1.1' };

describe('storing evidence on the phone', () => {
  it('keeps the photo, its thumbnail and the record, and queues the metadata', async () => {
    const db = freshDb();
    await storeProcessedEvidence(db, target, processed(), 'Quyết định số 12');
    expect((await db.blobs.toArray()).map((blob) => blob.sha256).sort()).toEqual([
      'a'.repeat(64),
      'b'.repeat(64),
    ]);
    const [entry] = await db.outbox.toArray();
    expect(entry?.mutation).toMatchObject({
      type: 'evidence.add',
      evidence: {
        sha256: 'a'.repeat(64),
        thumbSha256: 'b'.repeat(64),
        caption: 'Quyết định số 12',
        gps: { lat: 11.56 },
        capturedAt: '2025-03-14T09:26:53+07:00',
      },
    });
    expect(await db.records.where('collection').equals('evidence').count()).toBe(1);
  });

  it('saves nothing at all when the storage is full, and says so', async () => {
    const db = freshDb();
    // The browser's storage limit (outside our system): the second write of the transaction hits it.
    db.blobs.hook('creating', (primaryKey) => {
      if (primaryKey === 'b'.repeat(64))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await storeProcessedEvidence(db, target, processed()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EvidenceSaveError);
    expect((error as EvidenceSaveError).code).toBe('QUOTA_EXCEEDED');
    expect(await db.blobs.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.records.count()).toBe(0);
  });
});
