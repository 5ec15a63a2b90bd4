import { explain } from '../../../src/shared/permissions/can';
import type { Mutation } from '../../../src/shared/protocol/sync';
import { templateIndicators } from '../../../src/shared/schemas/template';
import { getRecord, SERVER_ORIGIN, writeFields, type StoredRecord } from '../records';
import { ACCEPTED, reject, type MutationContext, type Outcome } from './context';
import { loadOrCreateSubmission, loadTemplate } from './submissions';

type EvidenceAdd = Extract<Mutation, { type: 'evidence.add' }>;
type EvidenceUpdate = Extract<Mutation, { type: 'evidence.update' }>;
type EvidenceDelete = Extract<Mutation, { type: 'evidence.delete' }>;

/**
 * Adds the metadata of one piece of evidence. The bytes follow separately (tus, content-addressed
 * by sha256), so the reviewer sees that a photo exists even before it has finished uploading.
 * Adding the same evidence id again is a no-op when it describes the same bytes; a different
 * file under an existing id is a conflict (ids are ULIDs, so that means a bug or an attack).
 */
export async function applyEvidenceAdd(
  context: MutationContext,
  mutation: EvidenceAdd,
): Promise<Outcome> {
  const evidence = mutation.evidence;
  const existing = await getRecord(context.trx, 'evidence', evidence.id);
  if (existing) {
    const same =
      existing.data.sha256 === evidence.sha256 &&
      existing.data.submissionId === evidence.submissionId;
    return same
      ? ACCEPTED
      : reject('CONFLICT', 'another file already has this evidence id', existing);
  }
  const loaded = await loadOrCreateSubmission(context, evidence.submissionId, { create: true });
  if (!loaded.ok) return loaded.outcome;
  const { record: submission, status, campaign } = loaded.submission;
  const decision = explain(context.actor, 'evidence.write', {
    orgPath: submission.orgPath,
    status,
    campaignStatus: campaign.status,
  });
  if (!decision.allowed) return reject(decision.code, decision.reason, submission);
  const template = await loadTemplate(context, campaign);
  if (
    !template ||
    !templateIndicators(template).some((indicator) => indicator.id === evidence.indicatorId)
  ) {
    return reject('VALIDATION_FAILED', `the checklist has no indicator ${evidence.indicatorId}`);
  }
  await writeFields(
    context.trx,
    {
      collection: 'evidence',
      id: evidence.id,
      orgPath: submission.orgPath,
      fields: {
        ...evidence,
        createdBy: context.actor.userId,
        createdAt: mutation.at,
        deleted: false,
      },
      origin: context.deviceId,
      now: context.now,
    },
    null,
  );
  const hashes = [
    ...new Set([evidence.sha256, ...(evidence.thumbSha256 ? [evidence.thumbSha256] : [])]),
  ];
  await context.trx
    .insertInto('blob_refs')
    .values(
      hashes.map((sha256) => ({ sha256, record_id: evidence.id, org_path: submission.orgPath })),
    )
    .execute();
  await flagPhotoSharedAcrossUnits(context, evidence.id, evidence.sha256, submission.orgPath);
  return ACCEPTED;
}

/**
 * The same photo as evidence of two units is worth a reviewer's look (a photo passed around, or
 * last year's reused). Both records get `alsoUsedByAnotherUnit`, so each unit's reviewer sees it on
 * their side; the flag is a boolean and names no one. Removed evidence does not count.
 */
async function flagPhotoSharedAcrossUnits(
  context: MutationContext,
  evidenceId: string,
  sha256: string,
  orgPath: string,
) {
  const refs = await context.trx
    .selectFrom('blob_refs')
    .select(['record_id', 'org_path'])
    .where('sha256', '=', sha256)
    .where('org_path', '!=', orgPath)
    .execute();
  let shared = false;
  for (const ref of refs) {
    const other = await getRecord(context.trx, 'evidence', ref.record_id);
    // A thumbnail's hash equal to this photo's hash is not a photo used elsewhere.
    if (!other || other.data.deleted === true || other.data.sha256 !== sha256) continue;
    shared = true;
    if (other.data.alsoUsedByAnotherUnit === true) continue;
    await writeFields(
      context.trx,
      {
        collection: 'evidence',
        id: other.id,
        orgPath: other.orgPath,
        fields: {},
        serverFields: { alsoUsedByAnotherUnit: true },
        origin: SERVER_ORIGIN,
        now: context.now,
      },
      other,
    );
  }
  if (!shared) return;
  await writeFields(context.trx, {
    collection: 'evidence',
    id: evidenceId,
    orgPath,
    fields: {},
    serverFields: { alsoUsedByAnotherUnit: true },
    origin: SERVER_ORIGIN,
    now: context.now,
  });
}

async function loadEditableEvidence(
  context: MutationContext,
  evidenceId: string,
): Promise<{ ok: true; evidence: StoredRecord } | { ok: false; outcome: Outcome }> {
  const evidence = await getRecord(context.trx, 'evidence', evidenceId);
  if (!evidence)
    return { ok: false, outcome: reject('NOT_FOUND', `there is no evidence ${evidenceId}`) };
  const loaded = await loadOrCreateSubmission(context, String(evidence.data.submissionId), {
    create: false,
  });
  if (!loaded.ok) return loaded;
  const { status, campaign } = loaded.submission;
  const decision = explain(context.actor, 'evidence.write', {
    orgPath: evidence.orgPath,
    status,
    campaignStatus: campaign.status,
  });
  if (!decision.allowed)
    return { ok: false, outcome: reject(decision.code, decision.reason, evidence) };
  return { ok: true, evidence };
}

export async function applyEvidenceUpdate(
  context: MutationContext,
  mutation: EvidenceUpdate,
): Promise<Outcome> {
  const loaded = await loadEditableEvidence(context, mutation.evidenceId);
  if (!loaded.ok) return loaded.outcome;
  await writeFields(
    context.trx,
    {
      collection: 'evidence',
      id: mutation.evidenceId,
      orgPath: loaded.evidence.orgPath,
      fields: { caption: mutation.fields.caption },
      origin: context.deviceId,
      now: context.now,
    },
    loaded.evidence,
  );
  return ACCEPTED;
}

/** Soft delete: the deletion syncs to every device and stays in the audit trail. */
export async function applyEvidenceDelete(
  context: MutationContext,
  mutation: EvidenceDelete,
): Promise<Outcome> {
  const loaded = await loadEditableEvidence(context, mutation.evidenceId);
  if (!loaded.ok) return loaded.outcome;
  if (loaded.evidence.data.deleted === true) return ACCEPTED;
  await writeFields(
    context.trx,
    {
      collection: 'evidence',
      id: mutation.evidenceId,
      orgPath: loaded.evidence.orgPath,
      fields: { deleted: true },
      origin: context.deviceId,
      now: context.now,
    },
    loaded.evidence,
  );
  return ACCEPTED;
}
