import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { submissionIdFor } from '../../../shared/protocol/record-ids';
import { Campaign } from '../../../shared/schemas/campaign';
import { z } from 'zod';
import { EvidenceMime, isPhotoMime } from '../../../shared/schemas/evidence';
import { SubmissionStatus } from '../../../shared/schemas/submission';
import { Template } from '../../../shared/schemas/template';
import {
  scoreSubmission,
  type EvidenceCounts,
  type SubmissionScore,
} from '../../../shared/scoring/score';
import type { LocalRecord, MinhChungDb, OutboxEntry, RecordKey } from '../../db/database';
import { CAMPAIGN_CHOICE_KEY, chosenCampaign, officerCampaigns } from './campaign-choice';

export interface EvidenceItem {
  id: string;
  indicatorId: string;
  sha256: string;
  mime: EvidenceMime;
  caption: string;
  thumbSha256?: string;
}

/** An answer as the phone holds it, with the revision that orders it against other writes. */
export interface StoredAnswer {
  value: unknown;
  note: unknown;
  rev: number;
}

/** What a card shows for an indicator the phone holds no answer for. */
export const NO_ANSWER: StoredAnswer = { value: null, note: null, rev: 0 };

export interface ReviewItem {
  id: string;
  indicatorId?: string;
  decision: string;
  reason?: string;
  byName?: string;
  at: string;
}

export interface ChecklistData {
  campaign: Campaign;
  /** Every campaign the commune is asked to report in, in the chooser's order. */
  choices: Campaign[];
  template: Template;
  unitName: string;
  submissionId: string;
  status: SubmissionStatus;
  answers: Map<string, StoredAnswer>;
  evidence: Map<string, EvidenceItem[]>;
  reviews: ReviewItem[];
  /** Refused changes of this submission, so the officer sees why an edit did not stick. */
  rejections: OutboxEntry[];
  score: SubmissionScore;
}

/**
 * Records as the phone holds them are checked when read, not cast: a pull from a newer server or
 * an import may carry fields this build does not know (ignored) and lack optional ones.
 */
const LocalEvidence = z.object({
  submissionId: z.string(),
  indicatorId: z.string(),
  sha256: z.string(),
  mime: EvidenceMime,
  caption: z.string().catch(''),
  thumbSha256: z.string().optional(),
  deleted: z.boolean().optional(),
});
export const LocalReview = z.object({
  submissionId: z.string(),
  indicatorId: z.string().optional(),
  decision: z.string(),
  reason: z.string().optional(),
  byName: z.string().optional(),
  at: z.string(),
});

export type ChecklistState =
  { kind: 'loading' } | { kind: 'none' } | { kind: 'ready'; data: ChecklistData };

const key = (collection: LocalRecord['collection'], id: string) =>
  [collection, id] satisfies RecordKey;

async function load(db: MinhChungDb, orgUnitId: string) {
  const all = (await db.records.where('collection').equals('campaign').toArray())
    .map((record) => Campaign.safeParse(record.fields))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  const choices = officerCampaigns(all, orgUnitId);
  const choice = await db.syncState.get(CAMPAIGN_CHOICE_KEY);
  const campaign = chosenCampaign(choices, choice?.value);
  if (!campaign) return null;
  const templateRecord = await db.records.get(
    key('template', `${campaign.templateId}.v${campaign.templateVersion}`),
  );
  const template = parsedTemplate(templateRecord);
  if (!template) return null;
  const submissionId = submissionIdFor(campaign.id, orgUnitId);
  const prefix = `${submissionId}#`;
  const [submission, answers, evidence, reviews, unit, rejections] = await Promise.all([
    db.records.get(key('submission', submissionId)),
    db.records
      .where('[collection+id]')
      .between(['answer', prefix], ['answer', `${prefix}\uffff`])
      .toArray(),
    db.records.where('collection').equals('evidence').toArray(),
    db.records.where('collection').equals('review').toArray(),
    db.records.get(key('org_unit', orgUnitId)),
    db.outbox.where('state').equals('rejected').toArray(),
  ]);
  return {
    campaign,
    template,
    submissionId,
    submission,
    answers,
    evidence,
    reviews,
    unit,
    rejections,
    choices,
  };
}

/**
 * A template version never changes once published (a change is a new version), so its parse is
 * kept per record and reused while the body reads the same. Re-parsing on every live-query run
 * would hand each card a new indicator object on every write anywhere in the database — a pull,
 * a photo, another card's save — and the cards' effects keyed on the indicator would run again.
 * The body is compared as text, which is far cheaper than parsing it again.
 */
const templates = new Map<string, { text: string; template: Template }>();
export function parsedTemplate(record: LocalRecord | undefined): Template | null {
  if (!record) return null;
  const text = JSON.stringify(record.fields.body);
  const cached = templates.get(record.id);
  if (cached?.text === text) return cached.template;
  const parsed = Template.safeParse(record.fields.body);
  if (!parsed.success) return null;
  templates.set(record.id, { text, template: parsed.data });
  return parsed.data;
}

function unitNameOf(fields: Record<string, unknown> | undefined, fallback: string): string {
  const name = fields?.fullName ?? fields?.name;
  return typeof name === 'string' ? name : fallback;
}

/** Everything the checklist screen shows, live: any write (local or pulled) re-renders it. */
export function useChecklist(db: MinhChungDb, orgUnitId: string): ChecklistState {
  const loaded = useLiveQuery(() => load(db, orgUnitId), [db, orgUnitId], 'loading' as const);
  return useMemo((): ChecklistState => {
    if (loaded === 'loading') return { kind: 'loading' };
    if (!loaded) return { kind: 'none' };
    const { campaign, template, submissionId } = loaded;
    const answers = new Map(
      loaded.answers.map((record) => [
        String(record.fields.indicatorId),
        { value: record.fields.value, note: record.fields.note, rev: record.rev ?? 0 },
      ]),
    );
    const evidence = new Map<string, EvidenceItem[]>();
    for (const record of loaded.evidence) {
      const parsed = LocalEvidence.safeParse(record.fields);
      if (!parsed.success) continue;
      const { submissionId: owner, deleted, ...fields } = parsed.data;
      if (owner !== submissionId || deleted === true) continue;
      evidence.set(fields.indicatorId, [
        ...(evidence.get(fields.indicatorId) ?? []),
        { ...fields, id: record.id },
      ]);
    }
    const counts = new Map<string, EvidenceCounts>();
    for (const [indicatorId, items] of evidence) {
      counts.set(indicatorId, {
        photos: items.filter((item) => isPhotoMime(item.mime)).length,
        documents: items.filter((item) => !isPhotoMime(item.mime)).length,
      });
    }
    const answerValues = new Map(
      [...answers]
        .filter(([, answer]) => answer.value !== null && answer.value !== undefined)
        .map(([id, answer]) => [id, answer.value]),
    );
    const reviews = loaded.reviews
      .flatMap((record) => {
        const parsed = LocalReview.safeParse(record.fields);
        return parsed.success ? [{ ...parsed.data, id: record.id }] : [];
      })
      .filter((review) => review.submissionId === submissionId)
      .sort((a, b) => b.at.localeCompare(a.at));
    const rejections = loaded.rejections.filter(
      (entry) => 'submissionId' in entry.mutation && entry.mutation.submissionId === submissionId,
    );
    const status = SubmissionStatus.safeParse(loaded.submission?.fields.status);
    return {
      kind: 'ready',
      data: {
        campaign,
        choices: loaded.choices,
        template,
        unitName: unitNameOf(loaded.unit?.fields, orgUnitId),
        submissionId,
        status: status.success ? status.data : 'draft',
        answers,
        evidence,
        reviews,
        rejections,
        score: scoreSubmission(template, answerValues, counts),
      },
    };
  }, [loaded, orgUnitId]);
}
