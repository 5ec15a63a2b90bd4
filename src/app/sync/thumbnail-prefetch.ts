import type { Actor } from '../../shared/permissions/can';
import { decisionsAt, reviewsDirectly } from '../../shared/permissions/decisions';
import { SubmissionStatus } from '../../shared/schemas/submission';
import type { MinhChungDb } from '../db/database';
import { downloadBlob, type DownloadOptions } from './blob-download';

export interface PrefetchProgress {
  done: number;
  total: number;
}

export type PrefetchResult =
  | { ok: true; fetched: number; missing: number }
  /** The link failed: what was fetched is kept, the rest waits for the next pull. */
  | { ok: false; fetched: number; message: string };

/**
 * The thumbnails a reviewer needs offline: those of the submissions it decides on now, then of
 * every other non-draft submission it reviews (to look back at an approved one). Drafts change
 * under the commune's hands and wait until they are sent. Whose submissions these are comes from
 * can(), so a commune officer (who decides on nothing) prefetches nothing. What the phone holds
 * already is skipped: its own photos, and every earlier download.
 */
export async function thumbnailsWanted(db: MinhChungDb, actor: Actor): Promise<string[]> {
  const [units, submissions, evidence] = await Promise.all([
    db.records.where('collection').equals('org_unit').toArray(),
    db.records.where('collection').equals('submission').toArray(),
    db.records.where('collection').equals('evidence').toArray(),
  ]);
  const pathOf = new Map(
    units.flatMap((u) =>
      typeof u.fields.path === 'string' ? [[u.id, u.fields.path] as const] : [],
    ),
  );
  const priority = new Map<string, number>();
  for (const record of submissions) {
    const status = SubmissionStatus.safeParse(record.fields.status);
    const path = pathOf.get(String(record.fields.orgUnitId));
    if (!status.success || !path || status.data === 'draft') continue;
    if (decisionsAt(actor, { orgPath: path, status: status.data }).length > 0)
      priority.set(record.id, 0);
    else if (reviewsDirectly(actor, path)) priority.set(record.id, 1);
  }
  const wanted = new Map<string, number>();
  for (const record of evidence) {
    const { submissionId, thumbSha256, deleted } = record.fields;
    const rank = priority.get(String(submissionId));
    if (rank === undefined || deleted === true || typeof thumbSha256 !== 'string') continue;
    wanted.set(thumbSha256, Math.min(rank, wanted.get(thumbSha256) ?? rank));
  }
  const hashes = [...wanted.keys()];
  const held = await db.blobs.bulkGet(hashes);
  return hashes
    .filter((_, index) => held[index] === undefined)
    .sort((a, b) => (wanted.get(a) ?? 0) - (wanted.get(b) ?? 0));
}

export interface PrefetcherOptions extends Omit<DownloadOptions, 'signal'> {
  actor: Actor;
  /** Downloads at once: enough to fill a slow link's latency, few enough to leave room for sync. */
  concurrency?: number;
  /** A thumbnail the server does not have yet (not uploaded) is asked again after this long. */
  missingRetryMs?: number;
  onProgress?: (progress: PrefetchProgress | null) => void;
  now?: () => number;
}

/**
 * A small background queue: after each pull it downloads the thumbnails the reviewer's phone does
 * not hold, a few at a time. It is resumable by construction — each thumbnail is stored as soon
 * as it arrives, and the next run starts from what is still missing — and single-flight: a run
 * asked while one is going joins it.
 */
export class ThumbnailPrefetcher {
  private running: Promise<PrefetchResult> | null = null;
  /** Hashes the server answered "not found" for, with when; asked again after missingRetryMs. */
  private readonly missingSince = new Map<string, number>();

  constructor(
    private readonly db: MinhChungDb,
    private readonly options: PrefetcherOptions,
  ) {}

  run(): Promise<PrefetchResult> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
      this.options.onProgress?.(null);
    });
    return this.running;
  }

  private async drain(): Promise<PrefetchResult> {
    const { actor, concurrency = 3, missingRetryMs = 5 * 60_000, onProgress } = this.options;
    const now = this.options.now ?? Date.now;
    const queue = (await thumbnailsWanted(this.db, actor)).filter(
      (sha256) => now() - (this.missingSince.get(sha256) ?? -Infinity) >= missingRetryMs,
    );
    if (queue.length === 0) return { ok: true, fetched: 0, missing: 0 };
    let next = 0;
    let fetched = 0;
    let missing = 0;
    let failure: string | null = null;
    const abort = new AbortController();
    onProgress?.({ done: 0, total: queue.length });
    const worker = async () => {
      while (failure === null && next < queue.length) {
        const sha256 = queue[next++];
        if (sha256 === undefined) break;
        const result = await downloadBlob(this.db, sha256, {
          ...this.options,
          signal: abort.signal,
        });
        if (result.ok) {
          fetched += 1;
          this.missingSince.delete(sha256);
        } else if (result.kind === 'network') {
          failure ??= result.message;
          abort.abort();
        } else {
          missing += 1;
          this.missingSince.set(sha256, now());
        }
        onProgress?.({ done: fetched + missing, total: queue.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    return failure === null
      ? { ok: true, fetched, missing }
      : { ok: false, fetched, message: failure };
  }
}
