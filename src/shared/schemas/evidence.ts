import { z } from 'zod';
import { Id, IsoDateTime } from './common';

export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hexadecimal characters' });

export const EvidenceMime = z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
export type EvidenceMime = z.infer<typeof EvidenceMime>;

/** Images count as photos for the template's `minPhotos`; PDFs count only as documents. */
export function isPhotoMime(mime: EvidenceMime): boolean {
  return mime !== 'application/pdf';
}

export const GpsFix = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(0).optional(),
});
export type GpsFix = z.infer<typeof GpsFix>;

/**
 * Metadata of one piece of evidence. The bytes are content-addressed by `sha256` and travel
 * separately (tus), so this record syncs at once even when the photo has not uploaded yet.
 * Evidence is soft-deleted (`deleted`) so that the deletion itself syncs and is audited.
 */
export const Evidence = z.strictObject({
  id: Id,
  submissionId: Id,
  indicatorId: z.string().min(1),
  sha256: Sha256Hex,
  mime: EvidenceMime,
  bytes: z.number().int().min(0),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  capturedAt: IsoDateTime.optional(),
  gps: GpsFix.optional(),
  caption: z.string().max(500),
  thumbSha256: Sha256Hex.optional(),
  createdBy: Id,
  createdAt: IsoDateTime,
  deleted: z.boolean().optional(),
  /**
   * Set by the server when the same photo (same SHA-256) is also evidence of another unit: a
   * reviewer's flag that names no unit, so nothing outside the reviewer's scope is revealed.
   */
  alsoUsedByAnotherUnit: z.boolean().optional(),
});
export type Evidence = z.infer<typeof Evidence>;
