import { z } from 'zod';
import { Id, IsoDateTime } from './common';
import { UnitCode } from './org';

/** See workflow/state-machine.ts for the transitions between these. */
export const SubmissionStatus = z.enum(['draft', 'submitted', 'returned', 'approved', 'accepted']);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** A pillar's points in a submission, as scoreSubmission computed them. */
export const PillarPoints = z.strictObject({
  pillarId: z.string().min(1),
  points: z.number().min(0),
  maxPoints: z.number().min(0),
});
export type PillarPoints = z.infer<typeof PillarPoints>;

/**
 * One unit's answers to one campaign. The server writes the figures at each submit, from the
 * answers and evidence it holds: `score` (scoreSubmission's total), `pillarScores`,
 * `evidenceCount`, `submittedAt` (the last submit) and `firstSubmittedAt` (timeliness).
 */
export const Submission = z.strictObject({
  id: Id,
  campaignId: Id,
  orgUnitId: UnitCode,
  status: SubmissionStatus,
  score: z.number().min(0).optional(),
  pillarScores: z.array(PillarPoints).optional(),
  evidenceCount: z.number().int().min(0).optional(),
  submittedAt: IsoDateTime.optional(),
  firstSubmittedAt: IsoDateTime.optional(),
  updatedAt: IsoDateTime,
});
export type Submission = z.infer<typeof Submission>;
