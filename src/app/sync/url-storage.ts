import type { MinhChungDb } from '../db/database';

const PREFIX = 'begun::';

/**
 * Which uploads have begun: a blob whose creation request may have reached the server. Kept in
 * IndexedDB (the `tusUploads` table) next to the bytes, so it survives the same things the photos
 * survive — a reload, a crash — and is wiped with them.
 *
 * Why a mark and not tus-js-client's URL storage: the upload URL is the hash, so there is nothing
 * to remember but whether to ask the server first. A blob never tried goes up in one creation
 * request that carries the bytes (no HEAD: the server cannot have a partial upload of it, and if
 * it already has the whole blob the creation answer says so). A blob that was tried may be
 * partly on the server, so the next attempt asks for the offset (HEAD) and sends only the rest —
 * re-posting from byte 0 would re-send what the server already holds.
 */
export class UploadMarks {
  constructor(private readonly db: MinhChungDb) {}

  async hasBegun(sha256: string): Promise<boolean> {
    return (await this.db.tusUploads.get(PREFIX + sha256)) !== undefined;
  }

  /** Written before the creation request leaves, so a cut one still counts as begun. */
  async markBegun(sha256: string): Promise<void> {
    await this.db.tusUploads.put({ key: PREFIX + sha256, value: { at: Date.now() } });
  }

  async clear(sha256: string): Promise<void> {
    await this.db.tusUploads.delete(PREFIX + sha256);
  }
}
