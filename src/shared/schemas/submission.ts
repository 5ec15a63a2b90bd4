import { z } from 'zod';
import { Id, IsoDateTime } from './common';
import { UnitCode } from './org';

/** See workflow/state-machine.ts for the transitions between these. */
export const SubmissionStatus = z.enum(['draft', 'submitted', 'returned', 'approved', 'accepted']);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** One unit's answers to one campaign. `score` is a cache of scoreSubmission's total. */
export const Submission = z.strictObject({
  id: Id,
  campaignId: Id,
  orgUnitId: UnitCode,
  status: SubmissionStatus,
  score: z.number().min(0).optional(),
  updatedAt: IsoDateTime,
});
export type Submission = z.infer<typeof Submission>;
