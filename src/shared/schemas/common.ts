import { z } from 'zod';

/**
 * Building blocks shared by the record schemas. Ids are opaque non-empty strings rather than
 * ULIDs everywhere: org units use GSO codes, templates use slugs, only client-created records
 * use ULIDs.
 */
export const Id = z.string().min(1).max(128);

/** A calendar date, `YYYY-MM-DD`, checked to be a real day (no 30 February). */
export const IsoDate = z.iso.date();

/** An ISO-8601 timestamp; `Z` or an explicit offset such as `+07:00`. */
export const IsoDateTime = z.iso.datetime({ offset: true });
