// The reviewer's inbox on a device that holds the whole province's unit tree: only the communes
// the permission function says the account reviews are listed — those without a submission too —
// with status, completeness, score and evidence; sorting, filtering and a search that ignores
// Vietnamese diacritics.
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MinhChungDb } from '../../../src/app/db/database';
import { initI18n } from '../../../src/app/i18n';
import { allIndicators } from '../../helpers/answers';
import { BAC_AI, PROVINCE, REVIEWER, evidenceOf, renderInbox, seedReview } from './review-harness';

beforeAll(async () => {
  await initI18n('vi');
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-21T03:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

let n = 0;
const freshDb = () => new MinhChungDb(`review-inbox-${n++}`);

const half = allIndicators.slice(0, 13).map((indicator) => indicator.id);

async function seeded() {
  const db = freshDb();
  await seedReview(db, {
    // Phước Bình has handed in, with two photos; Phước Hòa is half done; Phước Tân was returned.
    '22783': {
      status: 'submitted',
      submittedAt: '2026-03-01T02:00:00.000Z',
      evidence: [evidenceOf('22783', '1.1'), evidenceOf('22783', '1.2')],
    },
    '22786': { status: 'draft', answered: half },
    '22789': { status: 'returned' },
    '22795': { status: 'approved', submittedAt: '2026-02-20T02:00:00.000Z' },
    // A commune of another district: never in this reviewer's inbox.
    '22738': { status: 'submitted' },
  });
  return db;
}

const rowOf = (unitId: string) => within(screen.getByTestId(`inbox-row-${unitId}`));
const listedIds = () =>
  screen.getAllByTestId(/^inbox-row-/).map((row) => row.dataset.testid?.replace('inbox-row-', ''));

describe('the reviewer inbox', () => {
  it('lists every commune the account reviews, those not started included, and nothing else', async () => {
    const db = await seeded();
    await renderInbox(db, REVIEWER, 'reviewer');
    expect(new Set(listedIds())).toEqual(new Set(BAC_AI.map((unit) => unit.id)));
    expect(listedIds()).not.toContain('22738');
    // Phước Tiến (22792) has no submission on the phone: "not started", no link to open.
    expect(rowOf('22792').getByTestId('inbox-status').textContent).toBe('Chưa bắt đầu');
    expect(rowOf('22792').queryByRole('link')).toBeNull();
    expect(screen.getByTestId('inbox-summary').textContent).toBe(
      `1 hồ sơ chờ quyết định · ${BAC_AI.length} đơn vị`,
    );
  });

  it('shows status, completeness, score, evidence and the deadline for each commune', async () => {
    const db = await seeded();
    await renderInbox(db, REVIEWER, 'reviewer');
    const submitted = rowOf('22783');
    expect(submitted.getByTestId('inbox-status').textContent).toBe('Chờ thẩm định');
    expect(submitted.getByTestId('inbox-completeness').textContent).toBe(
      `Trả lời ${allIndicators.length}/${allIndicators.length}`,
    );
    expect(submitted.getByTestId('inbox-evidence').textContent).toBe('2 minh chứng');
    expect(submitted.getByRole('link', { name: 'Mở hồ sơ Xã Phước Bình' })).toBeTruthy();
    const draft = rowOf('22786');
    expect(draft.getByTestId('inbox-completeness').textContent).toBe(
      `Trả lời 13/${allIndicators.length}`,
    );
    // The deadline is 31 March 17:00 (+07:00); it is 21 March 10:00 there: 10 days left.
    expect(draft.getByText('Còn 10 ngày đến hạn')).toBeTruthy();
    // Scores come from the shared scoring: full answers without evidence score lower than none
    // missing, so the submitted commune with photos outscores the half-done one.
    const points = (id: string) =>
      Number(
        rowOf(id)
          .getByTestId('inbox-score')
          .textContent?.split('/')[0]
          ?.replace(/\./g, '')
          .replace(',', '.'),
      );
    expect(points('22783')).toBeGreaterThan(points('22786'));
  });

  it('sorts by status (what waits first), by name, by score and by deadline', async () => {
    const db = await seeded();
    await renderInbox(db, REVIEWER, 'reviewer');
    expect(listedIds().slice(0, 4)).toEqual(['22783', '22795', '22789', '22786']);
    fireEvent.change(screen.getByLabelText('Sắp xếp theo'), { target: { value: 'name' } });
    const names = screen
      .getAllByTestId(/^inbox-row-/)
      .map((row) => row.querySelector('.inbox-name')?.textContent ?? '');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    fireEvent.change(screen.getByLabelText('Sắp xếp theo'), { target: { value: 'score' } });
    expect(listedIds()[0]).toBe('22783');
    fireEvent.change(screen.getByLabelText('Sắp xếp theo'), { target: { value: 'deadline' } });
    // Those who still owe work first; the ones handed in last, earliest first.
    expect(listedIds().slice(-2)).toEqual(['22795', '22783']);
  });

  it('filters by status', async () => {
    const db = await seeded();
    await renderInbox(db, REVIEWER, 'reviewer');
    fireEvent.change(screen.getByLabelText('Trạng thái'), { target: { value: 'notStarted' } });
    expect(listedIds()).toHaveLength(BAC_AI.length - 4);
    fireEvent.change(screen.getByLabelText('Trạng thái'), { target: { value: 'submitted' } });
    expect(listedIds()).toEqual(['22783']);
    expect(screen.getByTestId('inbox-shown').textContent).toBe(
      `Đang hiện 1/${BAC_AI.length} đơn vị`,
    );
  });

  it('finds a commune typed without diacritics, in any case', async () => {
    const db = await seeded();
    await renderInbox(db, REVIEWER, 'reviewer');
    const search = screen.getByLabelText('Tìm đơn vị');
    fireEvent.change(search, { target: { value: 'phuoc binh' } });
    expect(listedIds()).toEqual(['22783']);
    fireEvent.change(search, { target: { value: 'PHƯỚC ĐẠI' } });
    expect(listedIds()).toEqual(['22801']);
    fireEvent.change(search, { target: { value: 'phuoc dai' } });
    expect(listedIds()).toEqual(['22801']);
    fireEvent.change(search, { target: { value: 'hà nội' } });
    expect(screen.queryAllByTestId(/^inbox-row-/)).toHaveLength(0);
    expect(screen.getByText('Không có đơn vị nào khớp.')).toBeTruthy();
  });
});

describe('the province inbox', () => {
  it('lists the approved results waiting for the province, not the ones still under review', async () => {
    const db = await seeded();
    await renderInbox(db, PROVINCE, 'province');
    expect(listedIds()).toEqual(['22795']);
    expect(rowOf('22795').getByTestId('inbox-status').textContent).toBe('Đã duyệt');
  });
});
