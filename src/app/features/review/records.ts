import { z } from 'zod';
import { Campaign } from '../../../shared/schemas/campaign';
import { EvidenceMime, GpsFix, isPhotoMime } from '../../../shared/schemas/evidence';
import { OrgUnit } from '../../../shared/schemas/org';
import { SubmissionStatus } from '../../../shared/schemas/submission';
import type { EvidenceCounts } from '../../../shared/scoring/score';
import type { LocalRecord } from '../../db/database';
import { LocalReview, type ReviewItem } from '../checklist/use-checklist';

/**
 * The records a reviewer's pull leaves on the phone, read and checked (never cast): a newer
 * server may send fields this build does not know, and optional ones may be missing.
 */

/** Evidence metadata as the reviewer needs it: what the commune's card shows, plus where and when. */
export interface ReviewEvidence {
  id: string;
  submissionId: string;
  indicatorId: string;
  sha256: string;
  mime: EvidenceMime;
  caption: string;
  thumbSha256?: string | undefined;
  capturedAt?: string | undefined;
  gps?: GpsFix | undefined;
}

const LocalEvidence = z.object({
  submissionId: z.string(),
  indicatorId: z.string(),
  sha256: z.string(),
  mime: EvidenceMime,
  caption: z.string().catch(''),
  thumbSha256: z.string().optional().catch(undefined),
  capturedAt: z.string().optional().catch(undefined),
  gps: GpsFix.optional().catch(undefined),
  createdAt: z.string().optional().catch(undefined),
  deleted: z.boolean().optional(),
});

/** A live (not deleted) evidence item, with when it was attached (for "last update"). */
export function parseEvidence(
  record: LocalRecord,
): { item: ReviewEvidence; createdAt: string | undefined } | null {
  const parsed = LocalEvidence.safeParse(record.fields);
  if (!parsed.success || parsed.data.deleted === true) return null;
  const { deleted: _deleted, createdAt, ...item } = parsed.data;
  return { item: { ...item, id: record.id }, createdAt };
}

export type SubmissionReview = ReviewItem & { submissionId: string; by?: string | undefined };

export function parseReview(record: LocalRecord): SubmissionReview | null {
  const parsed = LocalReview.extend({ by: z.string().optional() }).safeParse(record.fields);
  return parsed.success ? { ...parsed.data, id: record.id } : null;
}

export function parseUnit(record: LocalRecord): OrgUnit | null {
  const parsed = OrgUnit.safeParse(record.fields);
  return parsed.success ? parsed.data : null;
}

export function parseCampaign(record: LocalRecord): Campaign | null {
  const parsed = Campaign.safeParse(record.fields);
  return parsed.success ? parsed.data : null;
}

/** The submission fields the review screens use; `submittedAt` is written by the server. */
const LocalSubmission = z.object({
  orgUnitId: z.string(),
  status: SubmissionStatus.catch('draft'),
  updatedAt: z.string().optional().catch(undefined),
  submittedAt: z.string().optional().catch(undefined),
});
export type LocalSubmission = z.infer<typeof LocalSubmission>;

export function parseSubmission(record: LocalRecord | undefined): LocalSubmission | null {
  const parsed = LocalSubmission.safeParse(record?.fields);
  return parsed.success ? parsed.data : null;
}

/** Photos and documents per indicator, as the scoring counts them. */
export function countEvidence(items: Iterable<ReviewEvidence>): Map<string, EvidenceCounts> {
  const counts = new Map<string, EvidenceCounts>();
  for (const item of items) {
    const entry = counts.get(item.indicatorId) ?? { photos: 0, documents: 0 };
    if (isPhotoMime(item.mime)) entry.photos += 1;
    else entry.documents += 1;
    counts.set(item.indicatorId, entry);
  }
  return counts;
}

/** The latest of some ISO timestamps (they compare as strings when written by one clock format). */
export function latest(times: Iterable<string | undefined>): string | null {
  let best: string | null = null;
  for (const time of times) {
    if (time && (best === null || Date.parse(time) > Date.parse(best))) best = time;
  }
  return best;
}
