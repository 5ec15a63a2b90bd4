import type { PreviousUpload, UrlStorage } from 'tus-js-client';
import type { MinhChungDb } from '../db/database';

interface StoredUpload extends PreviousUpload {
  fingerprint: string;
}

/**
 * tus-js-client's record of unfinished uploads, kept in IndexedDB next to the bytes instead of in
 * localStorage: it survives the same things the photos survive, and it is wiped with them.
 */
export class IndexedDbUrlStorage implements UrlStorage {
  constructor(private readonly db: MinhChungDb) {}

  async findAllUploads(): Promise<PreviousUpload[]> {
    return (await this.db.tusUploads.toArray()).map((row) => ({
      ...(row.value as StoredUpload),
      urlStorageKey: row.key,
    }));
  }

  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return (await this.findAllUploads()).filter(
      (upload) => (upload as StoredUpload).fingerprint === fingerprint,
    );
  }

  async removeUpload(urlStorageKey: string): Promise<void> {
    await this.db.tusUploads.delete(urlStorageKey);
  }

  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const key = `tus::${fingerprint}::${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    await this.db.tusUploads.put({ key, value: { ...upload, fingerprint } });
    return key;
  }
}
