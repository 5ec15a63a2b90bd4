import { ulid } from '../../../shared/ids';
import type { Mutation } from '../../../shared/protocol/sync';
import type { MinhChungDb } from '../../db/database';
import { enqueue } from '../../sync/outbox';
import type { EvidenceFileErrorCode } from './evidence-file-error';
import type { ProcessedEvidence } from './photo-pipeline';

export type EvidenceSaveErrorCode = 'QUOTA_EXCEEDED' | EvidenceFileErrorCode | 'FAILED';

export class EvidenceSaveError extends Error {
  constructor(
    readonly code: EvidenceSaveErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

export interface EvidenceTarget {
  userId: string;
  submissionId: string;
  indicatorId: string;
}

/**
 * Processes a picked file on the device (resize, strip EXIF, hash — the pipeline is loaded only
 * now), then stores the bytes, the thumbnail and the evidence record and queues it, all in one
 * IndexedDB transaction: when storage is full, nothing is half-saved and the officer is told.
 */
export async function addEvidenceFile(
  db: MinhChungDb,
  target: EvidenceTarget,
  file: File,
  caption = '',
): Promise<void> {
  const { processEvidenceFile, EvidenceFileError } = await import('./photo-pipeline');
  let processed: ProcessedEvidence;
  try {
    processed = await processEvidenceFile(file);
  } catch (error) {
    if (error instanceof EvidenceFileError) throw new EvidenceSaveError(error.code, error.message);
    throw new EvidenceSaveError('FAILED', (error as Error).message);
  }
  await storeProcessedEvidence(db, target, processed, caption);
}

/** Stores processed bytes, thumbnail and the evidence record, and queues it — all or nothing. */
export async function storeProcessedEvidence(
  db: MinhChungDb,
  target: EvidenceTarget,
  processed: ProcessedEvidence,
  caption = '',
): Promise<void> {
  const now = new Date().toISOString();
  const mutation: Mutation = {
    id: ulid(),
    at: now,
    type: 'evidence.add',
    evidence: {
      id: ulid(),
      submissionId: target.submissionId,
      indicatorId: target.indicatorId,
      sha256: processed.sha256,
      mime: processed.mime,
      bytes: processed.size,
      ...(processed.width ? { width: processed.width } : {}),
      ...(processed.height ? { height: processed.height } : {}),
      ...(processed.capturedAt ? { capturedAt: processed.capturedAt } : {}),
      ...(processed.gps ? { gps: processed.gps } : {}),
      caption: caption.slice(0, 500),
      ...(processed.thumbnail ? { thumbSha256: processed.thumbnail.sha256 } : {}),
    },
  };
  try {
    await db.transaction('rw', db.records, db.outbox, db.blobs, async () => {
      if (!(await db.blobs.get(processed.sha256))) {
        await db.blobs.put({
          sha256: processed.sha256,
          mime: processed.mime,
          size: processed.size,
          data: processed.bytes,
          uploaded: 0,
          createdAt: now,
        });
      }
      const thumb = processed.thumbnail;
      if (thumb && !(await db.blobs.get(thumb.sha256))) {
        await db.blobs.put({
          sha256: thumb.sha256,
          mime: 'image/jpeg',
          size: thumb.bytes.size,
          data: thumb.bytes,
          uploaded: 0,
          createdAt: now,
        });
      }
      await enqueue(db, mutation, target.userId);
    });
  } catch (error) {
    if (isQuotaError(error)) throw new EvidenceSaveError('QUOTA_EXCEEDED', 'storage is full');
    throw error;
  }
}

export function deleteEvidence(db: MinhChungDb, userId: string, evidenceId: string) {
  return enqueue(
    db,
    { id: ulid(), at: new Date().toISOString(), type: 'evidence.delete', evidenceId },
    userId,
  );
}

export function updateCaption(
  db: MinhChungDb,
  userId: string,
  evidenceId: string,
  caption: string,
) {
  return enqueue(
    db,
    {
      id: ulid(),
      at: new Date().toISOString(),
      type: 'evidence.update',
      evidenceId,
      fields: { caption: caption.slice(0, 500) },
    },
    userId,
  );
}
