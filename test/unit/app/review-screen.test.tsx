// One submission under review: the commune's answers and evidence as the officer entered them,
// buttons only from can() for the status, a return that needs a reason (general or per indicator)
// before it can be pressed, and decisions and comments queued in the outbox as mutations.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MinhChungDb } from '../../../src/app/db/database';
import { initI18n } from '../../../src/app/i18n';
import type { SubmissionStatus } from '../../../src/shared/schemas/submission';
import {
  PROVINCE,
  REVIEWER,
  evidenceOf,
  renderReview,
  seedReview,
  submissionOf,
} from './review-harness';
import type { Session } from '../../../src/app/features/auth/session';

beforeAll(async () => {
  await initI18n('vi');
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-21T03:00:00.000Z'));
  vi.spyOn(window, 'confirm').mockReturnValue(true);
});
afterEach(() => {
  vi.useRealTimers();
});

let n = 0;
const UNIT = '22783';

async function reviewOf(status: SubmissionStatus, session: Session = REVIEWER) {
  const db = new MinhChungDb(`review-screen-${n++}`);
  await seedReview(db, {
    [UNIT]: {
      status,
      evidence: [
        evidenceOf(UNIT, '1.2', {
          capturedAt: '2025-06-03T09:15:00+07:00',
          gps: { lat: 11.78123, lng: 108.91456, accuracy: 12 },
        }),
        evidenceOf(UNIT, '1.2', { capturedAt: '2024-11-20T09:15:00+07:00' }),
      ],
    },
  });
  await renderReview(db, session, submissionOf(UNIT));
  return db;
}

const buttons = () =>
  within(screen.queryByTestId('decision-panel') ?? document.createElement('div'))
    .queryAllByRole('button')
    .map((button) => button.textContent);

const outbox = (db: MinhChungDb) => db.outbox.orderBy('order').toArray();

describe('the review screen', () => {
  it("shows each indicator's answer as the officer sees it, its points and its evidence", async () => {
    await reviewOf('submitted');
    const card = within(screen.getByTestId('review-indicator-1.2'));
    expect(card.getByTestId('review-answer-1.2').textContent).toBe('Trả lời: 5');
    const photos = card.getAllByTestId(/^review-evidence-/);
    expect(photos).toHaveLength(2);
    expect(within(photos[0]!).getByTestId('evidence-gps').textContent).toBe(
      'GPS 11,78123, 108,91456 (±12 m)',
    );
    expect(within(photos[0]!).queryByTestId('flag-outside-period')).toBeNull();
    // Taken in November 2024, for the 2025 assessment: flagged.
    expect(within(photos[1]!).getByTestId('flag-outside-period').textContent).toBe(
      'Chụp ngoài thời gian đánh giá (01/01/2025 – 31/12/2025)',
    );
    expect(within(photos[1]!).getByTestId('evidence-gps').textContent).toBe('Không có vị trí GPS');
    // The thumbnails are not on this phone: said, not broken.
    expect(within(photos[0]!).getByText('Ảnh thu nhỏ chưa về máy')).toBeTruthy();
  });

  it.each([
    ['submitted', 'reviewer', ['Trả lại cho xã', 'Duyệt']],
    ['approved', 'reviewer', []],
    ['returned', 'reviewer', []],
    ['draft', 'reviewer', []],
    ['approved', 'province', ['Công nhận', 'Trả về cấp thẩm định']],
    ['accepted', 'province', ['Mở lại để xã sửa']],
    ['submitted', 'province', []],
  ] as const)('offers at %s, to the %s, only what can() allows', async (status, who, expected) => {
    await reviewOf(status, who === 'reviewer' ? REVIEWER : PROVINCE);
    expect(buttons()).toEqual(expected);
    if (expected.length === 0) expect(screen.getByTestId('no-decision')).toBeTruthy();
  });

  it('keeps "return" disabled until a reason is written, here or on an indicator', async () => {
    await reviewOf('submitted');
    const returnButton = screen.getByTestId<HTMLButtonElement>('decide-return');
    expect(returnButton.disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('decide-approve').disabled).toBe(false);
    // Spaces are not a reason (the server trims too).
    fireEvent.change(screen.getByLabelText('Lý do chung'), { target: { value: '   ' } });
    expect(returnButton.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Lý do trả lại chỉ tiêu 1.2 (nếu có)'), {
      target: { value: 'Thiếu biên bản họp quý IV' },
    });
    expect(returnButton.disabled).toBe(false);
    expect(screen.getByTestId('reason-count').textContent).toBe('Đã ghi lý do cho 1 chỉ tiêu.');
  });

  it('queues a return with its reasons as one submission.transition, and shows it waiting', async () => {
    const db = await reviewOf('submitted');
    fireEvent.change(screen.getByLabelText('Lý do trả lại chỉ tiêu 1.2 (nếu có)'), {
      target: { value: 'Thiếu biên bản họp quý IV' },
    });
    fireEvent.change(screen.getByLabelText('Lý do trả lại chỉ tiêu 3.3 (nếu có)'), {
      target: { value: ' Ảnh không có định vị ' },
    });
    fireEvent.click(screen.getByTestId('decide-return'));
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    const [entry] = await outbox(db);
    expect(entry?.state).toBe('pending');
    expect(entry?.mutation).toMatchObject({
      type: 'submission.transition',
      submissionId: submissionOf(UNIT),
      event: 'return',
      indicatorReasons: [
        { indicatorId: '1.2', reason: 'Thiếu biên bản họp quý IV' },
        { indicatorId: '3.3', reason: 'Ảnh không có định vị' },
      ],
    });
    expect(entry?.mutation).not.toHaveProperty('reason');
    // Applied on the phone at once, and said to be waiting for the server.
    expect((await screen.findByTestId('decision-pending')).textContent).toContain(
      'Quyết định «Trả lại cho xã» đã lưu trên máy — chờ gửi.',
    );
    expect(screen.getByTestId('review-status').textContent).toBe('Đã trả lại');
    expect(screen.getByTestId('review-waiting').textContent).toBe('chờ gửi');
    expect(screen.queryByTestId('decision-panel')).toBeNull();
  });

  it('queues an approval without a reason', async () => {
    const db = await reviewOf('submitted');
    fireEvent.click(screen.getByTestId('decide-approve'));
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    const [entry] = await outbox(db);
    expect(entry?.mutation).toMatchObject({ type: 'submission.transition', event: 'approve' });
    expect(entry?.mutation).not.toHaveProperty('indicatorReasons');
    await waitFor(() => expect(screen.getByTestId('review-status').textContent).toBe('Đã duyệt'));
  });

  it('queues a comment on an indicator and shows it waiting to be sent', async () => {
    const db = await reviewOf('submitted');
    const card = within(screen.getByTestId('review-indicator-2.1'));
    fireEvent.change(card.getByLabelText('Ý kiến cho chỉ tiêu 2.1'), {
      target: { value: 'Nên bổ sung ảnh lớp tập huấn' },
    });
    fireEvent.click(card.getByRole('button', { name: 'Gửi ý kiến' }));
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    const [entry] = await outbox(db);
    expect(entry?.mutation).toMatchObject({
      type: 'review.comment',
      submissionId: submissionOf(UNIT),
      indicatorId: '2.1',
      text: 'Nên bổ sung ảnh lớp tập huấn',
    });
    expect((await card.findByText(/Nên bổ sung ảnh lớp tập huấn/)).textContent).toContain(
      'chờ gửi',
    );
  });

  it('offers the province a send back that needs a reason, and queues it', async () => {
    const db = await reviewOf('approved', PROVINCE);
    const sendBack = screen.getByTestId<HTMLButtonElement>('decide-sendBack');
    expect(sendBack.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Lý do chung'), {
      target: { value: 'Điểm chỉ tiêu 1.2 chưa khớp minh chứng' },
    });
    fireEvent.click(sendBack);
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]?.mutation).toMatchObject({
      event: 'sendBack',
      reason: 'Điểm chỉ tiêu 1.2 chưa khớp minh chứng',
    });
  });
});
