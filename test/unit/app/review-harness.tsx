// Shared set-up for the review screens' component tests: a reviewer's (or the province's) device
// database as a pull leaves it — the whole unit tree, the campaign, the template, and the
// submissions, answers and evidence of some communes — and the screens rendered on it.
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import type { LocalRecord, MinhChungDb } from '../../../src/app/db/database';
import type { Session } from '../../../src/app/features/auth/session';
import { InboxScreen, type InboxVariant } from '../../../src/app/features/review/InboxScreen';
import { ReviewScreen } from '../../../src/app/features/review/ReviewScreen';
import { ServicesProvider } from '../../../src/app/services';
import { RouterNavigation } from '../../../src/app/ui/RouterNavigation';
import { answerIdFor, submissionIdFor } from '../../../src/shared/protocol/record-ids';
import type { Campaign } from '../../../src/shared/schemas/campaign';
import type { OrgUnit } from '../../../src/shared/schemas/org';
import type { SubmissionStatus } from '../../../src/shared/schemas/submission';
import { allIndicators, goodValue } from '../../helpers/answers';
import { shippedTemplate, threeLevelUnits } from '../shared/shipped-data';

export const CAMPAIGN_ID = 'cds-2025';
export const DEADLINE = '2026-03-31T17:00:00+07:00';
export const PERIOD = { start: '2025-01-01', end: '2025-12-31' };

function sessionOf(
  id: string,
  username: string,
  role: Session['user']['role'],
  unit: string,
  path: string,
): Session {
  return {
    token: `token-${id}`,
    expiresAt: '2026-12-31T00:00:00.000Z',
    signedInAt: '2026-03-01T00:00:00.000Z',
    user: { id, username, displayName: username, role, orgUnitId: unit, orgPath: path },
  };
}

export const REVIEWER = sessionOf('rv-584', 'district-584', 'district_reviewer', '584', '/58/584/');
export const PROVINCE = sessionOf('pv-58', 'province', 'province_admin', '58', '/58/');

export const submissionOf = (unitId: string) => submissionIdFor(CAMPAIGN_ID, unitId);

/** The communes of Bác Ái (district 584), as the shipped tree has them. */
export const BAC_AI: OrgUnit[] = threeLevelUnits.filter((unit) => unit.parentId === '584');

export interface UnitSeed {
  status: SubmissionStatus;
  /** Indicator ids answered with a good value; default: all of them. */
  answered?: string[];
  /** Evidence records of this unit's submission (see evidenceOf). */
  evidence?: LocalRecord[];
  updatedAt?: string;
  submittedAt?: string;
}

let evidenceCount = 0;
/** One photo of a unit's indicator, with the metadata a phone records. */
export function evidenceOf(
  unitId: string,
  indicatorId: string,
  extra: Record<string, unknown> = {},
): LocalRecord {
  const n = evidenceCount++;
  const id = `01JREVIEWEVIDENCE${String(n).padStart(9, '0')}`;
  return {
    collection: 'evidence',
    id,
    fields: {
      id,
      submissionId: submissionOf(unitId),
      indicatorId,
      sha256: (n * 2 + 1).toString(16).padStart(64, 'a'),
      thumbSha256: (n * 2 + 2).toString(16).padStart(64, 'b'),
      mime: 'image/jpeg',
      bytes: 200_000,
      caption: `Ảnh ${indicatorId}`,
      createdBy: `officer-${unitId}`,
      createdAt: '2026-02-01T00:00:00.000Z',
      deleted: false,
      ...extra,
    },
  };
}

function unitRecords(unitId: string, seed: UnitSeed): LocalRecord[] {
  const submissionId = submissionOf(unitId);
  const answered = new Set(seed.answered ?? allIndicators.map((indicator) => indicator.id));
  return [
    {
      collection: 'submission',
      id: submissionId,
      fields: {
        id: submissionId,
        campaignId: CAMPAIGN_ID,
        orgUnitId: unitId,
        status: seed.status,
        updatedAt: seed.updatedAt ?? '2026-02-10T00:00:00.000Z',
        ...(seed.submittedAt ? { submittedAt: seed.submittedAt } : {}),
      },
    },
    ...allIndicators
      .filter((indicator) => answered.has(indicator.id))
      .map((indicator): LocalRecord => {
        const id = answerIdFor(submissionId, indicator.id);
        return {
          collection: 'answer',
          id,
          fields: {
            id,
            submissionId,
            indicatorId: indicator.id,
            value: goodValue(indicator),
            updatedBy: `officer-${unitId}`,
            updatedAt: seed.updatedAt ?? '2026-02-10T00:00:00.000Z',
          },
        };
      }),
    ...(seed.evidence ?? []),
  ];
}

/** What a reviewer's first sync leaves on the phone, with these communes' submissions. */
export async function seedReview(
  db: MinhChungDb,
  units: Record<string, UnitSeed>,
  extra: LocalRecord[] = [],
): Promise<void> {
  const campaign: Campaign = {
    id: CAMPAIGN_ID,
    templateId: shippedTemplate.id,
    templateVersion: shippedTemplate.version,
    title: { vi: 'Đánh giá chuyển đổi số cấp xã năm 2025', en: 'Commune DX assessment 2025' },
    period: PERIOD,
    deadline: DEADLINE,
    assignedUnitIds: threeLevelUnits.filter((u) => u.level === 'commune').map((u) => u.id),
    status: 'open',
  };
  await db.records.bulkPut([
    { collection: 'campaign', id: campaign.id, fields: { ...campaign } },
    {
      collection: 'template',
      id: `${shippedTemplate.id}.v${shippedTemplate.version}`,
      fields: {
        templateId: shippedTemplate.id,
        version: shippedTemplate.version,
        body: shippedTemplate,
      },
    },
    ...threeLevelUnits.map((unit): LocalRecord => ({
      collection: 'org_unit',
      id: unit.id,
      fields: { ...unit },
    })),
    ...Object.entries(units).flatMap(([unitId, seed]) => unitRecords(unitId, seed)),
    ...extra,
  ]);
}

function withServices(db: MinhChungDb, children: React.ReactNode, path: string) {
  return (
    <ServicesProvider services={{ db, baseUrl: 'http://server.test', sync: null }}>
      <MemoryRouter initialEntries={[path]}>
        <RouterNavigation>{children}</RouterNavigation>
      </MemoryRouter>
    </ServicesProvider>
  );
}

export async function renderInbox(db: MinhChungDb, session: Session, variant: InboxVariant) {
  const view = render(withServices(db, <InboxScreen session={session} variant={variant} />, '/'));
  await screen.findByTestId('inbox-list');
  return view;
}

function ReviewAt({ session }: { session: Session }) {
  return <ReviewScreen session={session} submissionId={useParams().submissionId ?? ''} />;
}

/** The review screen at its route, with the inbox behind it (so "back" has somewhere to go). */
export async function renderReview(db: MinhChungDb, session: Session, submissionId: string) {
  const view = render(
    withServices(
      db,
      <Routes>
        <Route path="/" element={<InboxScreen session={session} variant="reviewer" />} />
        <Route path="/review/:submissionId" element={<ReviewAt session={session} />} />
      </Routes>,
      `/review/${encodeURIComponent(submissionId)}`,
    ),
  );
  await screen.findByTestId('review-screen');
  return view;
}
