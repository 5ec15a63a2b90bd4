// Shared set-up for the checklist component tests: a seeded device database (records shaped as
// the sync stores them), the screen or a single live card rendered on it, and outbox probes.
import {
  act,
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
  type BoundFunctions,
  type queries,
} from '@testing-library/react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { expect } from 'vitest';
import {
  MinhChungDb,
  type LocalRecord,
  type OutboxEntry,
  type RecordKey,
} from '../../../src/app/db/database';
import type { Session } from '../../../src/app/features/auth/session';
import { ChecklistScreen } from '../../../src/app/features/checklist/ChecklistScreen';
import { IndicatorCard } from '../../../src/app/features/checklist/IndicatorCard';
import { saveAnswer } from '../../../src/app/features/checklist/repository';
import { AUTOSAVE_DELAY_MS } from '../../../src/app/features/checklist/use-autosave';
import type { EvidenceItem, ReviewItem } from '../../../src/app/features/checklist/use-checklist';
import { ServicesProvider } from '../../../src/app/services';
import { answerIdFor, submissionIdFor } from '../../../src/shared/protocol/record-ids';
import type { Collection, Mutation } from '../../../src/shared/protocol/sync';
import type { Campaign } from '../../../src/shared/schemas/campaign';
import type { EvidenceMime } from '../../../src/shared/schemas/evidence';
import type { SubmissionStatus } from '../../../src/shared/schemas/submission';
import type { Indicator, Template } from '../../../src/shared/schemas/template';
import type { IndicatorScore } from '../../../src/shared/scoring/score';

/** The moment every save in these tests happens (mutation `at`, outbox `createdAt`). */
export const FIXED_NOW = new Date('2026-03-02T01:02:03.000Z');

export const UNIT_ID = '22738';
export const CAMPAIGN_ID = 'cds-2025';
export const SUBMISSION_ID = submissionIdFor(CAMPAIGN_ID, UNIT_ID);
export const OFFICER: Session = {
  token: 'token',
  expiresAt: '2026-12-31T00:00:00.000Z',
  signedInAt: '2026-03-01T00:00:00.000Z',
  user: {
    id: 'officer-1',
    username: 'commune-22738',
    displayName: 'Nguyễn Thị An',
    role: 'commune_officer',
    orgUnitId: UNIT_ID,
    orgPath: '/58/582/22738/',
  },
};

const open: MinhChungDb[] = [];
let created = 0;

/** Dexie keeps the IndexedDB factory it found at import, so every database gets its own name. */
export function freshDb(label: string): MinhChungDb {
  const db = new MinhChungDb(`checklist-${label}-${created++}`);
  open.push(db);
  return db;
}

/** Unmounts first (the cards flush on unmount), then closes the databases. */
export function closeDbs(): void {
  cleanup();
  for (const db of open.splice(0)) db.close();
}

const key = (collection: Collection, id: string): RecordKey => [collection, id];

export function answerRecord(indicatorId: string, value: unknown, note?: string): LocalRecord {
  const id = answerIdFor(SUBMISSION_ID, indicatorId);
  return {
    collection: 'answer',
    id,
    fields: {
      id,
      submissionId: SUBMISSION_ID,
      indicatorId,
      value,
      ...(note === undefined ? {} : { note }),
      updatedBy: 'officer-2',
      updatedAt: '2026-02-01T00:00:00.000Z',
    },
  };
}

let evidenceCount = 0;
export function evidenceRecord(
  indicatorId: string,
  mime: EvidenceMime = 'image/jpeg',
): LocalRecord {
  const n = evidenceCount++;
  const id = `01JEVIDENCE${String(n).padStart(15, '0')}`;
  return {
    collection: 'evidence',
    id,
    fields: {
      id,
      submissionId: SUBMISSION_ID,
      indicatorId,
      sha256: n.toString(16).padStart(64, '0'),
      mime,
      bytes: 1234,
      caption: '',
      createdBy: OFFICER.user.id,
      createdAt: '2026-02-01T00:00:00.000Z',
      deleted: false,
    },
  };
}

export function reviewRecord(review: Omit<ReviewItem, 'at'> & { at?: string }): LocalRecord {
  return {
    collection: 'review',
    id: review.id,
    fields: {
      submissionId: SUBMISSION_ID,
      by: 'reviewer-1',
      at: '2026-02-15T00:00:00.000Z',
      ...review,
    },
  };
}

export interface Seed {
  template: Template;
  status?: SubmissionStatus;
  campaignStatus?: Campaign['status'];
  answers?: Record<string, unknown>;
  extra?: LocalRecord[];
}

/** What a first sync leaves on the phone: campaign, template, unit, submission, answers… */
export async function seedChecklist(db: MinhChungDb, seed: Seed): Promise<void> {
  const { template } = seed;
  const campaign: Campaign = {
    id: CAMPAIGN_ID,
    templateId: template.id,
    templateVersion: template.version,
    title: { vi: 'Đánh giá chuyển đổi số cấp xã năm 2025', en: 'Commune DX assessment 2025' },
    period: { start: '2025-01-01', end: '2025-12-31' },
    deadline: '2026-12-31T17:00:00+07:00',
    assignedUnitIds: ['22737', UNIT_ID],
    status: seed.campaignStatus ?? 'open',
  };
  const records: LocalRecord[] = [
    { collection: 'campaign', id: campaign.id, fields: { ...campaign } },
    {
      collection: 'template',
      id: `${template.id}.v${template.version}`,
      fields: { templateId: template.id, version: template.version, body: template },
    },
    {
      collection: 'org_unit',
      id: UNIT_ID,
      fields: {
        id: UNIT_ID,
        code: UNIT_ID,
        name: 'Đô Vinh',
        fullName: 'Phường Đô Vinh',
        level: 'commune',
        parentId: '582',
        path: '/58/582/22738/',
      },
    },
    // The parent reviews the submission; the submit button names it.
    {
      collection: 'org_unit',
      id: '582',
      fields: {
        id: '582',
        code: '582',
        name: 'Phan Rang-Tháp Chàm',
        nameEn: 'Phan Rang-Thap Cham',
        fullName: 'Thành phố Phan Rang-Tháp Chàm',
        level: 'district',
        parentId: '58',
        path: '/58/582/',
      },
    },
    {
      collection: 'submission',
      id: SUBMISSION_ID,
      fields: {
        id: SUBMISSION_ID,
        campaignId: CAMPAIGN_ID,
        orgUnitId: UNIT_ID,
        status: seed.status ?? 'draft',
        updatedAt: '2026-02-01T00:00:00.000Z',
      },
    },
    ...Object.entries(seed.answers ?? {}).map(([id, value]) => answerRecord(id, value)),
    ...(seed.extra ?? []),
  ];
  await db.records.bulkPut(records);
}

/** The checklist screen as the app shows it to a signed-in commune officer. */
export async function renderChecklist(db: MinhChungDb) {
  const view = render(
    <ServicesProvider services={{ db, baseUrl: '', sync: null }}>
      <ChecklistScreen session={OFFICER} />
    </ServicesProvider>,
  );
  await screen.findByTestId('total-score');
  return view;
}

/** What a card asked to save, recorded synchronously at the moment it asks. */
export interface SaveCall {
  indicatorId: string;
  fields: { value?: unknown; note?: string | null };
}

interface CardOptions {
  editable?: boolean;
  evidence?: EvidenceItem[];
  reviews?: ReviewItem[];
  score?: IndicatorScore;
}

/**
 * One indicator card wired as the screen wires it: it shows the answer record live from the
 * database (so a pulled change reaches it) and saves through the real repository and outbox.
 */
function LiveCard({
  db,
  saves,
  indicator,
  editable = true,
  evidence = [],
  reviews = [],
  score,
}: CardOptions & { db: MinhChungDb; saves: SaveCall[]; indicator: Indicator }) {
  const loaded = useLiveQuery(
    async () => ({
      record: await db.records.get(key('answer', answerIdFor(SUBMISSION_ID, indicator.id))),
    }),
    [db, indicator.id],
  );
  const onSave = useCallback(
    (indicatorId: string, fields: SaveCall['fields']) => {
      saves.push({ indicatorId, fields });
      return saveAnswer(db, { userId: OFFICER.user.id }, SUBMISSION_ID, indicatorId, fields);
    },
    [db, saves],
  );
  if (!loaded) return null;
  const fields = loaded.record?.fields;
  return (
    <IndicatorCard
      indicator={indicator}
      stored={{
        value: fields?.value ?? null,
        note: fields?.note ?? null,
        rev: loaded.record?.rev ?? 0,
      }}
      evidence={evidence}
      score={score}
      reviews={reviews}
      editable={editable}
      onSave={onSave}
    />
  );
}

export async function renderCard(db: MinhChungDb, indicator: Indicator, options: CardOptions = {}) {
  const saves: SaveCall[] = [];
  const view = render(<LiveCard db={db} saves={saves} indicator={indicator} {...options} />);
  const card = await screen.findByTestId(`indicator-${indicator.id}`);
  return { ...view, card, saves };
}

/** Queries bound to one card. */
export type Card = BoundFunctions<typeof queries>;

/** A fresh database (optionally holding an answer) and one live card on it. */
export async function cardWith(
  indicator: Indicator,
  stored?: { value: unknown; note?: string },
  editable = true,
) {
  const db = freshDb(indicator.id);
  if (stored) await db.records.put(answerRecord(indicator.id, stored.value, stored.note));
  const { card, saves } = await renderCard(db, indicator, { editable });
  return { db, saves, card: within(card), element: card };
}

export const type = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });
export const valueOf = (element: HTMLElement) => (element as HTMLInputElement).value;
export const checked = (element: HTMLElement) => (element as HTMLInputElement).checked;

/** The message shown for an invalid entry (the card's only alert). */
export async function errorMessage(card: Card): Promise<string> {
  return (await card.findByRole('alert')).textContent ?? '';
}

/** Writes an answer the way a pull does: the server's fields merged into the local record. */
export async function pullAnswer(
  db: MinhChungDb,
  indicatorId: string,
  fields: Record<string, unknown>,
): Promise<void> {
  await act(async () => {
    const current = answerRecord(indicatorId, null);
    const existing = await db.records.get(key('answer', current.id));
    await db.records.put({
      ...current,
      fields: { ...(existing?.fields ?? current.fields), ...fields, updatedBy: 'officer-2' },
    });
  });
}

export async function outbox(db: MinhChungDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('order').toArray();
}

export type AnswerSet = Extract<Mutation, { type: 'answer.set' }>;

/**
 * Waits for the outbox to hold exactly one answer.set with exactly these fields — only changed
 * fields travel — and returns it. `within` is only a deadline for this state, generous because a
 * loaded machine is slow; whether a save was asked at once is checked synchronously with
 * `flushNow` / the `saves` list, never with a clock.
 */
export async function savedWithin(
  db: MinhChungDb,
  fields: AnswerSet['fields'],
  within = 10_000,
): Promise<AnswerSet> {
  return waitFor(
    async () => {
      const entries = await outbox(db);
      expect(entries.map((entry) => entry.mutation.type)).toEqual(['answer.set']);
      const mutation = entries[0]?.mutation as AnswerSet;
      expect(mutation.fields).toEqual(fields);
      return mutation;
    },
    { timeout: within, interval: 10 },
  );
}

/**
 * Saves at once through the page-hide flush instead of waiting out the 300 ms debounce (which
 * checklist-inputs covers), then checks the outbox as `savedWithin` does.
 */
export async function savedOnFlush(
  db: MinhChungDb,
  fields: AnswerSet['fields'],
): Promise<AnswerSet> {
  fireEvent(window, new Event('pagehide'));
  return savedWithin(db, fields);
}

/**
 * Forces the pending autosave now, as the app does when the phone hides the page, and returns
 * what the card asked to save: the flush asks synchronously, so an empty list means nothing will
 * be saved — no need to wait out the debounce.
 */
export function flushNow(saves: SaveCall[]): SaveCall[] {
  fireEvent(window, new Event('pagehide'));
  return [...saves];
}

/**
 * Returns once the pending autosave debounce has run, for "nothing was saved" checks. Not a guess
 * at wall time: a timer of the same delay set after the card's (the last input came before this
 * call) fires after it, since timers of one duration run in the order they were set.
 */
export async function afterAutosaveWindow(): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, AUTOSAVE_DELAY_MS)));
}
