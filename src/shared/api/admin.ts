import { z } from 'zod';

/**
 * `POST /api/admin/audit/verify`: the audit chain walked from the first event, for the system
 * administrator (`audit.verify`). The answer names the first event that does not fit and how, as a
 * stable code the app words in the user's language.
 */
export const AuditProblem = z.enum([
  /** An event's content no longer matches its hash: it was edited. */
  'changed',
  /** An event does not point at the previous event's hash: one was inserted or replaced. */
  'unlinked',
  /** A sequence number is absent from the middle of the chain: an event was deleted. */
  'missing',
  /** The newest events are gone: fewer events than the counter says were written. */
  'truncated',
]);
export type AuditProblem = z.infer<typeof AuditProblem>;

/** What the first broken event was about, when it is still there to read. */
export const AuditEventSummary = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  action: z.string(),
  target: z.string(),
  actorName: z.string(),
});

export const AuditVerifyResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), events: z.number().int().min(0), verifiedAt: z.string() }),
  z.object({
    ok: z.literal(false),
    /** Events verified before the break. */
    events: z.number().int().min(0),
    brokenAt: z.number().int().positive(),
    problem: AuditProblem,
    event: AuditEventSummary.optional(),
    verifiedAt: z.string(),
  }),
]);
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
