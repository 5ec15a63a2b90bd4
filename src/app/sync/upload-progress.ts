/** Bytes sent against bytes to send, over every photo and document waiting to go up. */
export interface UploadTotals {
  done: number;
  total: number;
}

/**
 * Upload progress that never goes backwards, whatever the rounds, retries and cuts.
 *
 * Decisions:
 * - The measure is a batch: every blob that was pending since the queue was last empty. A blob
 *   joins when it becomes pending and stays counted (done = its size) once the server confirms it,
 *   until the whole queue is empty; then the batch ends. Dropping a confirmed blob from both sides
 *   at once would make the figure fall (two photos, one sent: 50 % → 0 %), which is what the
 *   officer saw as "100 % → 15 %" when each round counted only its own photos.
 * - Per blob, done is the most bytes ever reported sent. After a cut the resumed request starts
 *   again at the server's offset, which can be below what the phone had already pushed into its
 *   socket; the figure waits at its maximum rather than falling back.
 * - A blob that leaves the queue unconfirmed (refused for good, or deleted) leaves the batch.
 *   That is the only case in which the figure can drop, and it is not progress being lost.
 * - A photo added during the batch adds to the total: the percentage then dips, the bytes done
 *   do not.
 */
export class UploadProgressTracker {
  private readonly sizes = new Map<string, number>();
  private readonly sent = new Map<string, number>();
  private readonly confirmed = new Set<string>();

  /** Brings the batch in line with the pending blobs (uploaded = 0, not refused). */
  include(pending: readonly { sha256: string; size: number }[]): void {
    if (pending.length === 0) {
      this.sizes.clear();
      this.sent.clear();
      this.confirmed.clear();
      return;
    }
    const ids = new Set(pending.map((blob) => blob.sha256));
    for (const sha256 of [...this.sizes.keys()]) {
      if (!ids.has(sha256) && !this.confirmed.has(sha256)) {
        this.sizes.delete(sha256);
        this.sent.delete(sha256);
      }
    }
    // A confirmed blob can still look pending in a read that raced its confirmation: it stays
    // confirmed, it is not counted again.
    for (const blob of pending) {
      if (this.sizes.has(blob.sha256)) continue;
      this.sizes.set(blob.sha256, blob.size);
      this.sent.set(blob.sha256, 0);
    }
  }

  /** tus reports bytes sent of this blob in the current attempt. */
  progress(sha256: string, sent: number): void {
    const size = this.sizes.get(sha256);
    if (size === undefined) return;
    this.sent.set(sha256, Math.min(size, Math.max(this.sent.get(sha256) ?? 0, sent)));
  }

  confirm(sha256: string): void {
    const size = this.sizes.get(sha256);
    if (size === undefined) return;
    this.confirmed.add(sha256);
    this.sent.set(sha256, size);
  }

  /** Null when nothing is waiting. */
  totals(): UploadTotals | null {
    if (this.sizes.size === 0) return null;
    let done = 0;
    let total = 0;
    for (const [sha256, size] of this.sizes) {
      total += size;
      done += this.sent.get(sha256) ?? 0;
    }
    return { done, total };
  }
}
