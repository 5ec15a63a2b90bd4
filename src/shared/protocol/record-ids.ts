/**
 * Deterministic ids for records that must be unique per (campaign, unit) or per (submission,
 * indicator). Two phones of the same commune that both start the checklist offline create the
 * same submission id and the same answer ids, so their work merges field by field instead of
 * producing two submissions. Evidence and reviews are genuinely new things and use ULIDs.
 */
const SEPARATOR_SUBMISSION = '@';
const SEPARATOR_ANSWER = '#';

export function submissionIdFor(campaignId: string, orgUnitId: string): string {
  return `${campaignId}${SEPARATOR_SUBMISSION}${orgUnitId}`;
}

export function parseSubmissionId(id: string): { campaignId: string; orgUnitId: string } | null {
  const at = id.lastIndexOf(SEPARATOR_SUBMISSION);
  if (at <= 0 || at === id.length - 1) return null;
  return { campaignId: id.slice(0, at), orgUnitId: id.slice(at + 1) };
}

export function answerIdFor(submissionId: string, indicatorId: string): string {
  return `${submissionId}${SEPARATOR_ANSWER}${indicatorId}`;
}
