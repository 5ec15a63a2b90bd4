// The checklist screen's score display with the shipped template: per-indicator, pillar and total
// points as the shared scoreSubmission computes them, "no evidence scores zero" made visible, and
// the evidence rule of each card in words.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../../src/app/i18n';
import { formatNumber } from '../../../src/app/ui/format';
import { isPhotoMime, type EvidenceMime } from '../../../src/shared/schemas/evidence';
import { scoreSubmission, type EvidenceCounts } from '../../../src/shared/scoring/score';
import { textPresenceIndicator } from '../shared/sample-indicators';
import { shippedTemplate } from '../shared/shipped-data';
import {
  closeDbs,
  evidenceRecord,
  freshDb,
  outbox,
  renderCard,
  renderChecklist,
  seedChecklist,
  SUBMISSION_ID,
  type,
} from './checklist-harness';

/** A number as the Vietnamese screen shows it (1.000, 37,5); the literals below pin the format. */
const vn = (value: number) => formatNumber(value, 'vi');

beforeAll(async () => {
  await initI18n('vi');
});
afterEach(() => {
  closeDbs();
});

const answers: Record<string, unknown> = {
  '1.1': 'chairman', // 25, backed by a photo
  '1.2': 3, // tier "3 meetings" → 19, backed by a photo
  '1.3': true, // would be 25, but no evidence at all → 0
  '1.4': { numerator: 50, denominator: 100 }, // would be 12.5; wants 2 photos, has 1 photo + 1 PDF
  '2.2': { numerator: 3, denominator: 4 }, // 37.5; any evidence will do, a PDF is there
  '5.2': true, // would be 50, no evidence → 0
  '6.1': 45, // 45 % of a 90 % target → 25, backed by a photo
};
const evidence: [string, EvidenceMime][] = [
  ['1.1', 'image/jpeg'],
  ['1.2', 'image/png'],
  ['1.4', 'image/jpeg'],
  ['1.4', 'application/pdf'],
  ['2.2', 'application/pdf'],
  ['6.1', 'image/webp'],
];

function countsOf(items: [string, EvidenceMime][]): Map<string, EvidenceCounts> {
  const counts = new Map<string, EvidenceCounts>();
  for (const [indicatorId, mime] of items) {
    const current = counts.get(indicatorId) ?? { photos: 0, documents: 0 };
    if (isPhotoMime(mime)) current.photos++;
    else current.documents++;
    counts.set(indicatorId, current);
  }
  return counts;
}

const text = (testId: string) => screen.getByTestId(testId).textContent;
const pillarHeading = (title: string) =>
  screen.getByRole('heading', { level: 2, name: new RegExp(`^${title}`) });

async function seeded(items = evidence) {
  const db = freshDb('score');
  await seedChecklist(db, {
    template: shippedTemplate,
    answers,
    extra: items.map(([indicatorId, mime]) => evidenceRecord(indicatorId, mime)),
  });
  await renderChecklist(db);
  return db;
}

describe('score display', () => {
  it('shows every indicator, pillar and the total exactly as scoreSubmission computes them', async () => {
    await seeded();
    const expected = scoreSubmission(shippedTemplate, answers, countsOf(evidence));
    for (const pillar of shippedTemplate.pillars) {
      for (const indicator of pillar.indicators) {
        const score = expected.indicators[indicator.id];
        expect(text(`points-${indicator.id}`), indicator.id).toBe(
          `${vn(score?.points ?? 0)}/${vn(indicator.maxPoints)} điểm`,
        );
      }
    }
    shippedTemplate.pillars.forEach((pillar, index) => {
      expect(pillarHeading(pillar.title.vi).textContent).toBe(
        `${pillar.title.vi}${vn(expected.pillars[index]?.points ?? 0)}/${vn(pillar.maxPoints)} điểm`,
      );
    });
    expect(text('total-score')).toBe(`Điểm tạm tính: ${vn(expected.total)}/1.000`);
    // …and those numbers are the ones worked out by hand above.
    expect(expected.total).toBe(106.5);
    // Vietnamese numbers: a decimal comma and a thousands dot, on every line of the screen.
    expect(text('total-score')).toBe('Điểm tạm tính: 106,5/1.000');
    expect(text('points-1.1')).toBe('25/25 điểm');
    expect(text('points-1.2')).toBe('19/25 điểm');
    expect(text('points-2.2')).toBe('37,5/50 điểm');
    expect(text('points-6.1')).toBe('25/50 điểm');
    expect(pillarHeading('Nhận thức số').textContent).toBe('Nhận thức số44/100 điểm');
    expect(text('progress')).toBe('Đã trả lời 7/26 chỉ tiêu');
    expect(text('submission-status')).toBe('Đang soạn');
  });

  it('an answer chosen on screen moves the total: "Điểm tạm tính: 25/1.000"', async () => {
    const db = freshDb('score-typed');
    await seedChecklist(db, {
      template: shippedTemplate,
      extra: [evidenceRecord('1.1', 'image/jpeg')],
    });
    await renderChecklist(db);
    expect(text('total-score')).toBe('Điểm tạm tính: 0/1.000');
    const card = within(screen.getByTestId('indicator-1.1'));
    fireEvent.click(card.getByRole('radio', { name: 'Chủ tịch UBND xã làm trưởng ban' }));
    await waitFor(() => expect(text('total-score')).toBe('Điểm tạm tính: 25/1.000'));
    expect(text('points-1.1')).toBe('25/25 điểm');
    expect(text('progress')).toBe('Đã trả lời 1/26 chỉ tiêu');
    // A typed count scores through its tiers: 2 villages with wifi → 17 of 25, once evidenced.
    type(within(screen.getByTestId('indicator-3.4')).getByRole('textbox', { name: 'thôn' }), '2');
    fireEvent(window, new Event('pagehide')); // saved at once, as when the phone hides the page
    await waitFor(() => expect(text('progress')).toBe('Đã trả lời 2/26 chỉ tiêu'));
    expect(text('points-3.4')).toBe('0/25 điểm');
    await act(() => db.records.put(evidenceRecord('3.4', 'image/jpeg')));
    await waitFor(() => expect(text('points-3.4')).toBe('17/25 điểm'));
    expect(text('total-score')).toBe('Điểm tạm tính: 42/1.000');
    const queued = (await outbox(db)).map((entry) => entry.mutation);
    expect(queued).toMatchObject([
      {
        type: 'answer.set',
        submissionId: SUBMISSION_ID,
        indicatorId: '1.1',
        fields: { value: 'chairman' },
      },
      { type: 'answer.set', submissionId: SUBMISSION_ID, indicatorId: '3.4', fields: { value: 2 } },
    ]);
  });
});

describe('no evidence scores zero', () => {
  it('shows 0 points and "Thiếu minh chứng" until evidence is added, then the points', async () => {
    const db = await seeded();
    expect(text('points-1.3')).toBe('0/25 điểm');
    expect(text('evidence-status-1.3')).toBe(
      'Cần minh chứng: ít nhất 1 ảnh · Thiếu minh chứng — chỉ tiêu được 0 điểm',
    );
    expect(screen.getByTestId('evidence-status-1.3').className).toContain('warn');
    await act(() => db.records.put(evidenceRecord('1.3', 'image/jpeg')));
    await waitFor(() => expect(text('points-1.3')).toBe('25/25 điểm'));
    expect(text('evidence-status-1.3')).toBe('Cần minh chứng: ít nhất 1 ảnh · Đủ minh chứng');
    expect(screen.getByTestId('evidence-status-1.3').className).toContain('ok');
    expect(text('total-score')).toBe('Điểm tạm tính: 131,5/1.000');
    expect(pillarHeading('Nhận thức số').textContent).toBe('Nhận thức số69/100 điểm');
  });

  it('counts photos and PDFs apart: 1 photo + 1 PDF does not meet "at least 2 photos"', async () => {
    const db = await seeded();
    expect(text('evidence-status-1.4')).toBe(
      'Cần minh chứng: ít nhất 2 ảnh · Thiếu minh chứng — chỉ tiêu được 0 điểm',
    );
    expect(text('points-1.4')).toBe('0/25 điểm');
    // A second PDF does not help either…
    await act(() => db.records.put(evidenceRecord('1.4', 'application/pdf')));
    const card14 = within(screen.getByTestId('indicator-1.4'));
    await waitFor(() => expect(card14.getAllByRole('listitem')).toHaveLength(3));
    expect(text('points-1.4')).toBe('0/25 điểm');
    // …a second photo does.
    await act(() => db.records.put(evidenceRecord('1.4', 'image/png')));
    await waitFor(() => expect(text('points-1.4')).toBe('12,5/25 điểm'));
    expect(text('evidence-status-1.4')).toBe('Cần minh chứng: ít nhất 2 ảnh · Đủ minh chứng');
    expect(text('total-score')).toBe('Điểm tạm tính: 119/1.000');
  });

  it('deleted evidence no longer counts', async () => {
    const db = await seeded();
    const photo = evidenceRecord('1.3', 'image/jpeg');
    await act(() => db.records.put(photo));
    await waitFor(() => expect(text('points-1.3')).toBe('25/25 điểm'));
    await act(() => db.records.put({ ...photo, fields: { ...photo.fields, deleted: true } }));
    await waitFor(() => expect(text('points-1.3')).toBe('0/25 điểm'));
    expect(text('evidence-status-1.3')).toContain('Thiếu minh chứng');
  });
});

describe('evidence rule in words', () => {
  it('required with N photos, required of any kind, and the hint', async () => {
    await seeded([]);
    expect(text('evidence-status-1.4')).toMatch(/^Cần minh chứng: ít nhất 2 ảnh · /);
    expect(text('evidence-status-1.1')).toMatch(/^Cần minh chứng: ít nhất 1 ảnh · /);
    expect(text('evidence-status-2.2')).toMatch(/^Cần minh chứng \(ảnh hoặc tài liệu\) · /);
    expect(text('evidence-status-6.3')).toMatch(/^Cần minh chứng \(ảnh hoặc tài liệu\) · /);
    const card = within(screen.getByTestId('indicator-1.1'));
    expect(card.getByText('Quyết định thành lập: số, ngày, trích yếu')).toBeTruthy();
  });

  it('required of any kind is met by a single PDF', async () => {
    await seeded();
    expect(text('evidence-status-2.2')).toBe('Cần minh chứng (ảnh hoặc tài liệu) · Đủ minh chứng');
  });

  it('optional evidence', async () => {
    const { card } = await renderCard(freshDb('optional'), textPresenceIndicator);
    expect(within(card).getByText('Không bắt buộc minh chứng')).toBeTruthy();
    expect(within(card).queryByText(/Thiếu minh chứng/)).toBeNull();
  });
});
