import { ulid } from '../../../shared/ids';
import type { Actor } from '../../../shared/permissions/can';
import { decidesOn } from '../../../shared/permissions/decisions';
import { parseSubmissionId, submissionIdFor } from '../../../shared/protocol/record-ids';
import {
  ReviewCommentMutation,
  SubmissionTransitionMutation,
  type Mutation,
} from '../../../shared/protocol/sync';
import type { Campaign } from '../../../shared/schemas/campaign';
import type { OrgUnit } from '../../../shared/schemas/org';
import type { Template } from '../../../shared/schemas/template';
import type { LocalRecord, MinhChungDb, OutboxEntry, RecordKey } from '../../db/database';
import { enqueue } from '../../sync/outbox';
import { dismissRefusal } from '../checklist/repository';
import { parsedTemplate } from '../checklist/use-checklist';
import {
  parseCampaign,
  parseEvidence,
  parseReview,
  parseSubmission,
  parseUnit,
  type LocalSubmission,
  type ReviewEvidence,
  type SubmissionReview,
} from './records';

export { dismissRefusal };
export type { Actor };

/**
 * The review feature's reads and writes. Screens never touch Dexie: they call these, and every
 * decision or comment goes through the outbox like any other change (saved at once, sent when a
 * connection allows, refused visibly).
 */

const key = (collection: LocalRecord['collection'], id: string): RecordKey => [collection, id];

/** One submission's data on this phone, keyed by indicator where it belongs to one. */
export interface SubmissionData {
  submission: LocalSubmission | null;
  answers: Map<string, { value: unknown; note: unknown; updatedAt: string | undefined }>;
  evidence: { item: ReviewEvidence; createdAt: string | undefined }[];
  reviews: SubmissionReview[];
}

export interface InboxSource {
  campaign: Campaign;
  template: Template;
  /** The units whose submissions the actor decides on, for this campaign. */
  units: OrgUnit[];
  bySubmission: Map<string, SubmissionData>;
  /** Submissions with a decision of this phone's still waiting to be sent. */
  waiting: Set<string>;
}

async function campaignsAndUnits(db: MinhChungDb) {
  const [campaigns, units] = await Promise.all([
    db.records.where('collection').equals('campaign').toArray(),
    db.records.where('collection').equals('org_unit').toArray(),
  ]);
  return {
    campaigns: campaigns.flatMap((record) => parseCampaign(record) ?? []),
    units: units.flatMap((record) => parseUnit(record) ?? []),
  };
}

/** The open campaign that involves units the actor decides on (else the latest one that does). */
function campaignFor(campaigns: Campaign[], mine: OrgUnit[]): Campaign | undefined {
  const ids = new Set(mine.map((unit) => unit.id));
  const involved = campaigns.filter((c) => c.assignedUnitIds.some((id) => ids.has(id)));
  return involved.find((c) => c.status === 'open') ?? involved.at(-1);
}

async function templateOf(db: MinhChungDb, campaign: Campaign): Promise<Template | null> {
  return parsedTemplate(
    await db.records.get(key('template', `${campaign.templateId}.v${campaign.templateVersion}`)),
  );
}

function emptyData(): SubmissionData {
  return { submission: null, answers: new Map(), evidence: [], reviews: [] };
}

/** Groups the answer, evidence and review records by the submission they belong to. */
function groupBySubmission(records: {
  submissions: LocalRecord[];
  answers: LocalRecord[];
  evidence: LocalRecord[];
  reviews: LocalRecord[];
}): Map<string, SubmissionData> {
  const groups = new Map<string, SubmissionData>();
  const of = (id: string) => {
    let group = groups.get(id);
    if (!group) groups.set(id, (group = emptyData()));
    return group;
  };
  for (const record of records.submissions) of(record.id).submission = parseSubmission(record);
  for (const record of records.answers) {
    const { submissionId, indicatorId, value, note, updatedAt } = record.fields;
    if (typeof submissionId !== 'string' || typeof indicatorId !== 'string') continue;
    of(submissionId).answers.set(indicatorId, {
      value,
      note,
      updatedAt: typeof updatedAt === 'string' ? updatedAt : undefined,
    });
  }
  for (const record of records.evidence) {
    const parsed = parseEvidence(record);
    if (parsed) of(parsed.item.submissionId).evidence.push(parsed);
  }
  for (const record of records.reviews) {
    const parsed = parseReview(record);
    if (parsed) of(parsed.submissionId).reviews.push(parsed);
  }
  return groups;
}

async function allOf(db: MinhChungDb, collection: LocalRecord['collection']) {
  return db.records.where('collection').equals(collection).toArray();
}

/** Everything the inbox lists: the campaign, its template, my units, and their submissions. */
export async function loadInbox(db: MinhChungDb, actor: Actor): Promise<InboxSource | null> {
  const { campaigns, units } = await campaignsAndUnits(db);
  const mine = units.filter((unit) => decidesOn(actor, unit.path));
  const campaign = campaignFor(campaigns, mine);
  if (!campaign) return null;
  const template = await templateOf(db, campaign);
  if (!template) return null;
  const [submissions, answers, evidence, reviews, pending] = await Promise.all([
    allOf(db, 'submission'),
    allOf(db, 'answer'),
    allOf(db, 'evidence'),
    allOf(db, 'review'),
    db.outbox.where('state').equals('pending').toArray(),
  ]);
  const assigned = new Set(campaign.assignedUnitIds);
  return {
    waiting: new Set(
      pending.flatMap(({ mutation }) =>
        mutation.type === 'submission.transition' ? [mutation.submissionId] : [],
      ),
    ),
    campaign,
    template,
    units: mine.filter((unit) => assigned.has(unit.id)),
    bySubmission: groupBySubmission({ submissions, answers, evidence, reviews }),
  };
}

export interface ReviewSource {
  campaign: Campaign;
  template: Template;
  unit: OrgUnit;
  submissionId: string;
  data: SubmissionData;
  /** This submission's decisions and comments still on the phone (pending or refused). */
  outbox: OutboxEntry[];
}

/** One submission, for the review screen. Null when the phone holds no such unit or campaign. */
export async function loadReview(
  db: MinhChungDb,
  submissionId: string,
): Promise<ReviewSource | null> {
  const parts = parseSubmissionId(submissionId);
  if (!parts || submissionIdFor(parts.campaignId, parts.orgUnitId) !== submissionId) return null;
  const [campaignRecord, unitRecord] = await Promise.all([
    db.records.get(key('campaign', parts.campaignId)),
    db.records.get(key('org_unit', parts.orgUnitId)),
  ]);
  const campaign = campaignRecord ? parseCampaign(campaignRecord) : null;
  const unit = unitRecord ? parseUnit(unitRecord) : null;
  if (!campaign || !unit) return null;
  const template = await templateOf(db, campaign);
  if (!template) return null;
  const prefix = `${submissionId}#`;
  const [submission, answers, evidence, reviews, outbox] = await Promise.all([
    db.records.get(key('submission', submissionId)),
    db.records
      .where('[collection+id]')
      .between(['answer', prefix], ['answer', `${prefix}\uffff`])
      .toArray(),
    allOf(db, 'evidence'),
    allOf(db, 'review'),
    db.outbox.orderBy('order').toArray(),
  ]);
  const groups = groupBySubmission({
    submissions: submission ? [submission] : [],
    answers,
    evidence,
    reviews,
  });
  return {
    campaign,
    template,
    unit,
    submissionId,
    data: groups.get(submissionId) ?? emptyData(),
    outbox: outbox.filter((entry) => isReviewEntryOf(entry.mutation, submissionId)),
  };
}

function isReviewEntryOf(mutation: Mutation, submissionId: string): boolean {
  return (
    (mutation.type === 'submission.transition' || mutation.type === 'review.comment') &&
    mutation.submissionId === submissionId
  );
}

export interface DecisionInput {
  submissionId: string;
  event: Extract<Mutation, { type: 'submission.transition' }>['event'];
  reason?: string | undefined;
  indicatorReasons?: { indicatorId: string; reason: string }[] | undefined;
}

/**
 * Queues a decision. The mutation is checked against the shared schema before it is queued, so
 * what the form let through is what the server accepts; the local status changes at once
 * (optimistically) and the server's answer — ack or refusal with its status — settles it.
 */
export async function decide(db: MinhChungDb, actor: Actor, input: DecisionInput): Promise<void> {
  const reason = input.reason?.trim();
  const indicatorReasons = (input.indicatorReasons ?? [])
    .map((item) => ({ indicatorId: item.indicatorId, reason: item.reason.trim() }))
    .filter((item) => item.reason !== '');
  const mutation = SubmissionTransitionMutation.parse({
    id: ulid(),
    at: new Date().toISOString(),
    type: 'submission.transition',
    submissionId: input.submissionId,
    event: input.event,
    ...(reason ? { reason } : {}),
    ...(indicatorReasons.length > 0 ? { indicatorReasons } : {}),
  });
  await enqueue(db, mutation, actor.userId);
}

/** Queues a comment on the submission, or on one of its indicators. */
export async function comment(
  db: MinhChungDb,
  actor: Actor,
  input: { submissionId: string; indicatorId?: string | undefined; text: string },
): Promise<void> {
  const mutation = ReviewCommentMutation.parse({
    id: ulid(),
    at: new Date().toISOString(),
    type: 'review.comment',
    submissionId: input.submissionId,
    ...(input.indicatorId ? { indicatorId: input.indicatorId } : {}),
    text: input.text.trim(),
  });
  await enqueue(db, mutation, actor.userId);
}
