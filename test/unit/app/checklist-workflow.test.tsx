// The checklist screen through the submission workflow: reviewer comments on a returned
// submission, the locked screen once submitted, the submit panel, and the English interface.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage, initI18n } from '../../../src/app/i18n';
import type { SubmissionStatus } from '../../../src/shared/schemas/submission';
import { allIndicators, goodValue } from '../../helpers/answers';
import { shippedTemplate } from '../shared/shipped-data';
import {
  FIXED_NOW,
  SUBMISSION_ID,
  closeDbs,
  evidenceRecord,
  freshDb,
  outbox,
  renderCard,
  renderChecklist,
  reviewRecord,
  savedWithin,
  seedChecklist,
  type,
  type Seed,
} from './checklist-harness';

beforeAll(async () => {
  await initI18n('vi');
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(FIXED_NOW);
});
afterEach(() => {
  vi.useRealTimers();
  closeDbs();
});

const SUBMIT = 'Gửi UBND thành phố Phan Rang-Tháp Chàm thẩm định';
const LOCKED = 'Hồ sơ đã gửi: không sửa được cho đến khi bị trả lại.';
const CLOSED_LOCKED = 'Đợt đánh giá đã đóng: phiếu chỉ để xem, không sửa hay gửi được nữa.';
const ACCEPTED_LOCKED = 'Tỉnh đã công nhận kết quả: hồ sơ đã khóa. Chỉ tỉnh mở lại được để sửa.';
const RETURNED = 'Hồ sơ bị trả lại. Sửa các chỉ tiêu có ý kiến rồi gửi lại.';

const everyAnswer = Object.fromEntries(allIndicators.map((i) => [i.id, goodValue(i)]));
/** As many photos as each indicator of the shipped template asks for (at least one). */
const fullEvidence = allIndicators.flatMap((indicator) =>
  Array.from({ length: Math.max(1, indicator.evidence.minPhotos) }, () =>
    evidenceRecord(indicator.id),
  ),
);

async function screenWith(seed: Omit<Seed, 'template'>) {
  const db = freshDb('workflow');
  await seedChecklist(db, { template: shippedTemplate, ...seed });
  await renderChecklist(db);
  return db;
}

const card = (indicatorId: string) => within(screen.getByTestId(`indicator-${indicatorId}`));
const answerControls = () =>
  screen
    .getAllByTestId(/^indicator-/)
    .flatMap((element) => [...element.querySelectorAll('form input, form textarea')]);

describe('a returned submission', () => {
  it("shows each reviewer's comment in its indicator's card, and the returned banner", async () => {
    await screenWith({
      status: 'returned',
      answers: everyAnswer,
      extra: [
        reviewRecord({
          id: 'rv-1',
          decision: 'return',
          indicatorId: '1.2',
          reason: 'Thiếu biên bản họp quý IV',
          byName: 'Trần Văn Bình',
          at: '2026-02-15T00:00:00.000Z',
        }),
        reviewRecord({
          id: 'rv-2',
          decision: 'return',
          indicatorId: '3.3',
          reason: 'Ảnh đo sóng không có định vị',
          byName: 'Lê Thị Cúc',
          at: '2026-02-15T00:00:01.000Z',
        }),
        // A general reason, and a comment on another commune's submission: not in any card.
        reviewRecord({
          id: 'rv-3',
          decision: 'return',
          reason: 'Bổ sung minh chứng',
          byName: 'Trần Văn Bình',
        }),
        {
          ...reviewRecord({
            id: 'rv-4',
            decision: 'return',
            indicatorId: '1.2',
            reason: 'Không phải của xã này',
            byName: 'Trần Văn Bình',
          }),
          fields: {
            id: 'rv-4',
            submissionId: 'cds-2025@22737',
            decision: 'return',
            indicatorId: '1.2',
            reason: 'Không phải của xã này',
            byName: 'Trần Văn Bình',
            by: 'reviewer-1',
            at: '2026-02-15T00:00:00.000Z',
          },
        },
      ],
    });
    expect(card('1.2').getByRole('note').textContent).toBe(
      'Ý kiến của Trần Văn Bình: Thiếu biên bản họp quý IV',
    );
    expect(card('3.3').getByRole('note').textContent).toBe(
      'Ý kiến của Lê Thị Cúc: Ảnh đo sóng không có định vị',
    );
    expect(screen.getAllByRole('note')).toHaveLength(2);
    expect(screen.queryByText(/Không phải của xã này/)).toBeNull();
    const banner = screen.getByText(RETURNED);
    expect(banner.closest('[role="alert"]')).not.toBeNull();
    expect(screen.getByTestId('submission-status').textContent).toBe('Bị trả lại — cần sửa');
    expect(screen.queryByText(LOCKED)).toBeNull();
  });

  it('can be corrected: the cards are editable again and save', async () => {
    const db = await screenWith({ status: 'returned', answers: everyAnswer });
    for (const control of answerControls()) expect(control.matches(':disabled')).toBe(false);
    type(card('1.2').getByRole('textbox', { name: 'cuộc họp' }), '4');
    expect(await savedWithin(db, { value: 4 })).toMatchObject({
      submissionId: SUBMISSION_ID,
      indicatorId: '1.2',
    });
  });
});

describe('a submission that is not the commune’s to edit', () => {
  it.each<[string, SubmissionStatus, 'open' | 'closed', string, string]>([
    ['submitted', 'submitted', 'open', 'Đã gửi thẩm định', LOCKED],
    ['accepted', 'accepted', 'open', 'Tỉnh đã công nhận', ACCEPTED_LOCKED],
    ['a draft of a closed campaign', 'draft', 'closed', 'Đang soạn', CLOSED_LOCKED],
  ])(
    '%s: locked message, disabled inputs, no submit',
    async (_, status, campaignStatus, label, locked) => {
      const db = await screenWith({ status, campaignStatus, answers: everyAnswer });
      expect(screen.getByTestId('submission-status').textContent).toBe(label);
      expect(screen.getByText(locked)).toBeTruthy();
      const controls = answerControls();
      expect(controls.length).toBeGreaterThan(26);
      for (const control of controls) expect(control.matches(':disabled')).toBe(true);
      expect(screen.queryByRole('button', { name: SUBMIT })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Chụp ảnh' })).toBeNull();
      expect(screen.queryByText(RETURNED)).toBeNull();
      fireEvent(window, new Event('pagehide'));
      expect(await outbox(db)).toEqual([]);
    },
  );
});

describe('the submit panel', () => {
  it('with unanswered indicators: the button is disabled and the missing list names them', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const unanswered = ['1.3', '4.2', '8.4'];
    const answers = { ...everyAnswer };
    for (const id of unanswered) delete answers[id];
    const db = await screenWith({ answers, extra: fullEvidence });
    const button = await screen.findByRole<HTMLButtonElement>('button', { name: SUBMIT });
    expect(button.disabled).toBe(true);
    // The sentence next to the disabled button says why, and what to do.
    expect(screen.getByTestId('submit-state').textContent).toBe(
      'Chưa gửi được: còn 3 chỉ tiêu chưa trả lời. Trả lời hết thì nút Gửi mới bấm được.',
    );
    const missing = within(screen.getByTestId('missing-summary'));
    expect(missing.getByRole('heading').textContent).toBe('Còn thiếu');
    const links = missing.getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(
      unanswered.map((id) => `${id} — chưa trả lời`),
    );
    // Each entry jumps to its indicator's title.
    for (const link of links) {
      const target = link.getAttribute('href')?.slice(1) ?? '';
      expect(document.getElementById(target)?.closest('[data-testid^="indicator-"]')).toBe(
        screen.getByTestId(`indicator-${link.textContent?.split(' ')[0]}`),
      );
    }
    fireEvent.click(button);
    expect(confirm).not.toHaveBeenCalled();
    expect(await outbox(db)).toEqual([]);
  });

  it('lists missing evidence without blocking, and the confirmation states the score and the zeros', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    await screenWith({ answers: everyAnswer, extra: fullEvidence.slice(1) });
    const button = await screen.findByRole<HTMLButtonElement>('button', { name: SUBMIT });
    expect(button.disabled).toBe(false);
    expect(screen.getByTestId('zero-warning').textContent).toBe(
      '1 chỉ tiêu thiếu minh chứng sẽ được 0 điểm. Vẫn gửi được, nhưng nên đính kèm minh chứng trước.',
    );
    const missing = within(screen.getByTestId('missing-summary'));
    expect(missing.getAllByRole('link').map((item) => item.textContent)).toEqual([
      '1.1 — thiếu minh chứng (được 0 điểm)',
    ]);
    fireEvent.click(button);
    const total = screen.getByTestId('total-score').textContent ?? '';
    const points = /(\S+)\/1\.000$/.exec(total)?.[1];
    expect(points).toBeDefined();
    expect(confirm).toHaveBeenCalledWith(
      [
        'Gửi hồ sơ cho UBND thành phố Phan Rang-Tháp Chàm thẩm định?',
        `Điểm tự đánh giá: ${points}/1.000.`,
        '1 chỉ tiêu thiếu minh chứng nên được 0 điểm: 1.1. Nếu có minh chứng, hãy đính kèm trước khi gửi.',
        'Sau khi gửi sẽ không sửa được cho đến khi bị trả lại.',
      ].join('\n\n'),
    );
  });

  it("in a 2-level province the button names the province, the commune's parent", async () => {
    const db = freshDb('two-level');
    await seedChecklist(db, { template: shippedTemplate, answers: everyAnswer });
    await db.records.bulkPut([
      {
        collection: 'org_unit',
        id: '22738',
        fields: {
          id: '22738',
          code: '22738',
          name: 'Đô Vinh',
          fullName: 'Phường Đô Vinh',
          level: 'commune',
          parentId: '58',
          path: '/58/22738/',
        },
      },
      {
        collection: 'org_unit',
        id: '58',
        fields: {
          id: '58',
          code: '58',
          name: 'Ninh Thuận',
          fullName: 'Tỉnh Ninh Thuận',
          level: 'province',
          parentId: null,
          path: '/58/',
        },
      },
    ]);
    await renderChecklist(db);
    expect(
      (await screen.findByRole('button', { name: 'Gửi UBND tỉnh Ninh Thuận thẩm định' }))
        .textContent,
    ).toBe('Gửi UBND tỉnh Ninh Thuận thẩm định');
  });

  it.each<SubmissionStatus>(['draft', 'returned'])(
    'with everything answered (%s): asks to confirm, then queues a submit transition',
    async (status) => {
      const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValue(true);
      const db = await screenWith({ status, answers: everyAnswer, extra: fullEvidence });
      expect(screen.queryByTestId('missing-summary')).toBeNull();
      expect(screen.getByTestId('progress').textContent).toBe('Đã trả lời 26/26 chỉ tiêu');
      const button = await screen.findByRole<HTMLButtonElement>('button', { name: SUBMIT });
      expect(button.disabled).toBe(false);
      // Cancelled: the click handler returns before anything is queued.
      fireEvent.click(button);
      expect(confirm).toHaveBeenCalledWith(
        [
          'Gửi hồ sơ cho UBND thành phố Phan Rang-Tháp Chàm thẩm định?',
          // 953.5 in Vietnamese: a decimal comma and a thousands dot, as everywhere on screen.
          'Điểm tự đánh giá: 953,5/1.000.',
          'Sau khi gửi sẽ không sửa được cho đến khi bị trả lại.',
        ].join('\n\n'),
      );
      expect(await outbox(db)).toEqual([]);
      fireEvent.click(button);
      expect(confirm).toHaveBeenCalledTimes(2);
      await waitFor(async () =>
        expect((await outbox(db)).map((entry) => entry.mutation)).toEqual([
          {
            id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) as string,
            at: FIXED_NOW.toISOString(),
            type: 'submission.transition',
            submissionId: SUBMISSION_ID,
            event: 'submit',
          },
        ]),
      );
      // Applied on the phone at once: the screen locks while the request waits for a network.
      await waitFor(() =>
        expect(screen.getByTestId('submission-status').textContent).toBe('Đã gửi thẩm định'),
      );
      expect(screen.getByText(LOCKED)).toBeTruthy();
      expect(screen.queryByRole('button', { name: SUBMIT })).toBeNull();
      // Still in this phone's outbox (no sync here): the panel must not claim the server has it.
      await waitFor(() =>
        expect(screen.getByTestId('submit-state').textContent).toBe(
          'Hồ sơ đã gửi trên máy này nhưng chưa lên máy chủ. Ứng dụng sẽ tự gửi khi có mạng; đừng xóa dữ liệu hay đăng xuất.',
        ),
      );
      // Acknowledged by the server (the outbox entry is gone): the panel says so.
      await db.outbox.clear();
      await waitFor(() =>
        expect(screen.getByTestId('submit-state').textContent).toBe(
          'Máy chủ đã nhận hồ sơ. UBND thành phố Phan Rang-Tháp Chàm sẽ thẩm định.',
        ),
      );
    },
  );
});

describe('in English', () => {
  afterEach(async () => {
    await changeLanguage('vi');
    localStorage.clear();
  });

  it('switching the language re-labels a card in English', async () => {
    const indicator = allIndicators.find((i) => i.id === '1.4');
    if (!indicator) throw new Error('1.4 is in the shipped template');
    const { card: element } = await renderCard(freshDb('english'), indicator);
    const card = within(element);
    expect(card.getByRole('textbox', { name: 'Số người được tuyên truyền' })).toBeTruthy();
    await act(() => changeLanguage('en'));
    expect(document.documentElement.lang).toBe('en');
    expect(card.getByRole('heading', { level: 3 }).textContent).toBe(
      '1.4 Share of adults reached by digital-transformation outreach',
    );
    const numerator = card.getByRole('textbox', { name: 'People reached' });
    const denominator = card.getByRole('textbox', { name: 'Adults in the commune' });
    expect(card.getByRole('textbox', { name: 'Note' })).toBeTruthy();
    expect(card.getByTestId('points-1.4').textContent).toBe('0/25 points');
    expect(card.getByTestId('evidence-status-1.4').textContent).toBe(
      'Evidence needed: at least 2 photos · Evidence missing — this indicator scores 0',
    );
    expect(card.getByText('Outreach log, photos of sessions')).toBeTruthy();
    type(numerator, '9');
    type(denominator, '3');
    await waitFor(() =>
      expect(card.getByRole('alert').textContent).toBe(
        'The numerator cannot exceed the denominator',
      ),
    );
  });
});

describe('regressions', () => {
  it('an edit typed just before submitting is queued before the submit, not after it', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const db = await screenWith({ answers: everyAnswer, extra: fullEvidence });
    // Typed, and submitted before the 300 ms autosave fired.
    type(card('1.2').getByRole('textbox', { name: 'cuộc họp' }), '3');
    fireEvent.click(await screen.findByRole('button', { name: SUBMIT }));
    await waitFor(async () =>
      expect((await outbox(db)).map((entry) => entry.mutation.type)).toEqual([
        'answer.set',
        'submission.transition',
      ]),
    );
    expect((await outbox(db))[0]?.mutation).toMatchObject({
      indicatorId: '1.2',
      fields: { value: 3 },
    });
    await waitFor(() =>
      expect(screen.getByTestId('submit-state').textContent).toMatch(/chưa lên máy chủ/),
    );
  });

  it('a yes/no or choice answer can be cleared again', async () => {
    const db = await screenWith({ answers: { '1.1': 'chairman' } });
    fireEvent.click(card('1.1').getByRole('button', { name: 'Xóa câu trả lời' }));
    await waitFor(async () =>
      expect((await outbox(db)).map((entry) => entry.mutation)).toMatchObject([
        { indicatorId: '1.1', fields: { value: null } },
      ]),
    );
    expect(card('1.1').queryByRole('button', { name: 'Xóa câu trả lời' })).toBeNull();
  });
});

describe('a return with a general reason', () => {
  it('shows the reason for the whole submission in the returned banner', async () => {
    await screenWith({
      status: 'returned',
      answers: everyAnswer,
      extra: [
        reviewRecord({
          id: 'r-general',
          decision: 'return',
          reason: 'Bổ sung chữ ký của Chủ tịch UBND xã',
          byName: 'Phòng VH-TT Bác Ái',
        }),
      ],
    });
    const banner = within(screen.getByTestId('returned-banner'));
    expect(banner.getByText('Bổ sung chữ ký của Chủ tịch UBND xã')).toBeTruthy();
    expect(banner.getByText('Ý kiến của Phòng VH-TT Bác Ái:')).toBeTruthy();
  });
});
