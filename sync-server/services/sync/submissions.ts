import { explain } from '../../../src/shared/permissions/can';
import { parseSubmissionId } from '../../../src/shared/protocol/record-ids';
import { Campaign } from '../../../src/shared/schemas/campaign';
import { SubmissionStatus } from '../../../src/shared/schemas/submission';
import { Template } from '../../../src/shared/schemas/template';
import { getRecord, SERVER_ORIGIN, writeFields, type StoredRecord } from '../records';
import { templateRecordId } from '../seed';
import { reject, type MutationContext, type Outcome } from './context';

export interface LoadedSubmission {
  record: StoredRecord;
  status: SubmissionStatus;
  campaign: Campaign;
}

// Templates are immutable once published (a new version is a new record), so parsing each one
// once per process is safe and saves re-validating 20 KB of JSON on every mutation.
const templateCache = new Map<string, Template>();

export async function loadTemplate(
  context: MutationContext,
  campaign: Campaign,
): Promise<Template | null> {
  const id = templateRecordId({ id: campaign.templateId, version: campaign.templateVersion });
  const cached = templateCache.get(id);
  if (cached) return cached;
  const record = await getRecord(context.trx, 'template', id);
  const parsed = Template.safeParse(record?.data.body);
  if (!parsed.success) return null;
  templateCache.set(id, parsed.data);
  return parsed.data;
}

async function loadCampaign(
  context: MutationContext,
  campaignId: string,
): Promise<Campaign | null> {
  const record = await getRecord(context.trx, 'campaign', campaignId);
  const parsed = Campaign.safeParse(record?.data);
  return parsed.success ? parsed.data : null;
}

/**
 * Finds the submission a mutation belongs to. A commune's first answer or photo creates it: its
 * id is derived from (campaign, unit), so two offline phones of the same commune create the same
 * submission and their work merges instead of forking.
 */
export async function loadOrCreateSubmission(
  context: MutationContext,
  submissionId: string,
  options: { create: boolean },
): Promise<{ ok: true; submission: LoadedSubmission } | { ok: false; outcome: Outcome }> {
  const existing = await getRecord(context.trx, 'submission', submissionId);
  if (existing) {
    const campaign = await loadCampaign(context, String(existing.data.campaignId));
    const status = SubmissionStatus.safeParse(existing.data.status);
    if (!campaign || !status.success) {
      return {
        ok: false,
        outcome: reject(
          'CONFLICT',
          'the submission refers to a campaign that no longer exists',
          existing,
        ),
      };
    }
    return { ok: true, submission: { record: existing, status: status.data, campaign } };
  }
  const parts = parseSubmissionId(submissionId);
  const notFound = {
    ok: false as const,
    outcome: reject('NOT_FOUND', `there is no submission ${submissionId}`),
  };
  if (!options.create || !parts) return notFound;
  const campaign = await loadCampaign(context, parts.campaignId);
  const unit = await getRecord(context.trx, 'org_unit', parts.orgUnitId);
  if (!campaign || !unit) return notFound;
  const decision = explain(context.actor, 'submission.create', {
    orgPath: unit.orgPath,
    status: 'draft',
    campaignStatus: campaign.status,
  });
  if (!decision.allowed) return { ok: false, outcome: reject(decision.code, decision.reason) };
  if (!campaign.assignedUnitIds.includes(parts.orgUnitId)) {
    return {
      ok: false,
      outcome: reject('FORBIDDEN', 'this unit is not asked to report in this campaign'),
    };
  }
  const record = await writeFields(
    context.trx,
    {
      collection: 'submission',
      id: submissionId,
      orgPath: unit.orgPath,
      fields: {},
      // Created as a side effect of another mutation: every device must receive it, the one that
      // caused it included.
      serverFields: {
        id: submissionId,
        campaignId: campaign.id,
        orgUnitId: parts.orgUnitId,
        status: 'draft',
        updatedAt: context.now,
      },
      origin: SERVER_ORIGIN,
      now: context.now,
    },
    null,
  );
  return { ok: true, submission: { record, status: 'draft', campaign } };
}
