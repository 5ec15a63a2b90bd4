// Every indicator type's input on a live card: the right control with a Vietnamese label, typed
// values saved through the outbox as typed answer values within half a second, invalid entries
// explained and never saved.
import { fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../../src/app/i18n';
import { answerIdFor } from '../../../src/shared/protocol/record-ids';
import {
  booleanIndicator,
  choiceIndicator,
  countRatioIndicator,
  datePresenceIndicator,
  percentIndicator,
  ratioIndicator,
  textPresenceIndicator,
  tiersIndicator,
} from '../shared/sample-indicators';
import {
  FIXED_NOW,
  OFFICER,
  SUBMISSION_ID,
  afterAutosaveWindow,
  cardWith,
  closeDbs,
  errorMessage,
  flushNow,
  outbox,
  savedWithin,
  type,
  valueOf,
} from './checklist-harness';

beforeAll(async () => {
  await initI18n('vi');
});
beforeEach(() => {
  // Only Date is frozen: the debounce, Dexie and fake-indexeddb keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(FIXED_NOW);
});
afterEach(() => {
  vi.useRealTimers();
  closeDbs();
});

describe('boolean indicator', () => {
  it('offers Có / Không radios in a group named by the indicator and saves true or false', async () => {
    const { db, card } = await cardWith(booleanIndicator);
    const group = card.getByRole('group', { name: 'Chỉ tiêu b' });
    fireEvent.click(within(group).getByRole('radio', { name: 'Có' }));
    expect(await savedWithin(db, { value: true })).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) as string,
      type: 'answer.set',
      submissionId: SUBMISSION_ID,
      indicatorId: 'b',
      fields: { value: true },
      at: FIXED_NOW.toISOString(),
    });
    expect((await outbox(db))[0]).toMatchObject({
      state: 'pending',
      sent: 0,
      attempts: 0,
      createdAt: FIXED_NOW.toISOString(),
    });
    fireEvent.click(within(group).getByRole('radio', { name: 'Không' }));
    // A second edit of the same unsent answer folds into its entry.
    await savedWithin(db, { value: false });
    const record = await db.records.get(['answer', answerIdFor(SUBMISSION_ID, 'b')]);
    expect(record?.fields).toMatchObject({
      value: false,
      updatedBy: OFFICER.user.id,
      updatedAt: FIXED_NOW.toISOString(),
    });
  });
});

describe('choice indicator', () => {
  it('offers one radio per option, labelled in Vietnamese, and saves the option value', async () => {
    const { db, card } = await cardWith(choiceIndicator);
    const group = card.getByRole('group', { name: 'Chỉ tiêu c' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((radio) => radio.getAttribute('value'))).toEqual([
      'chairman',
      'deputy',
      'none',
    ]);
    fireEvent.click(within(group).getByRole('radio', { name: 'Phó Chủ tịch' }));
    expect(await savedWithin(db, { value: 'deputy' })).toMatchObject({ indicatorId: 'c' });
  });
});

describe('count indicator', () => {
  it('labels the field with the unit, opens the numeric keypad and saves an integer', async () => {
    const { db, saves, card } = await cardWith(tiersIndicator);
    const input = card.getByRole('textbox', { name: 'cuộc họp' });
    expect(input.getAttribute('inputmode')).toBe('numeric');
    // Keystrokes in quick succession: one save, after the debounce, of the last value.
    type(input, '1');
    type(input, ' 13 ');
    expect(saves).toEqual([]);
    expect(await savedWithin(db, { value: 13 })).toMatchObject({ indicatorId: 't' });
    expect(saves).toEqual([{ indicatorId: 't', fields: { value: 13 } }]);
  });

  it('falls back to "Số lượng" when the template gives no unit', async () => {
    const { db, card } = await cardWith(countRatioIndicator);
    type(card.getByRole('textbox', { name: 'Số lượng' }), '12');
    expect(await savedWithin(db, { value: 12 })).toMatchObject({ indicatorId: 'cr' });
  });

  it('refuses what is not a whole number with "Nhập số nguyên không âm" and saves nothing', async () => {
    const { db, saves, card } = await cardWith(tiersIndicator);
    const input = card.getByRole('textbox', { name: 'cuộc họp' });
    for (const text of ['2,5', '-1', 'ba', '1e3']) {
      type(input, text);
      expect(await errorMessage(card)).toBe('Nhập số nguyên không âm');
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(input.getAttribute('aria-describedby')).toBe(card.getByRole('alert').id);
      expect(flushNow(saves)).toEqual([]);
    }
    // Corrected, it saves and the message goes.
    type(input, '2');
    await savedWithin(db, { value: 2 });
    expect(card.queryByRole('alert')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });
});

describe('ratio indicator', () => {
  it('has a numerator and a denominator field labelled by the template and saves both', async () => {
    const { db, card } = await cardWith(ratioIndicator);
    const numerator = card.getByRole('textbox', { name: 'Số hộ có cáp quang' });
    const denominator = card.getByRole('textbox', { name: 'Tổng số hộ' });
    expect(numerator.getAttribute('inputmode')).toBe('decimal');
    expect(denominator.getAttribute('inputmode')).toBe('decimal');
    type(numerator, '45');
    type(denominator, '60');
    expect(await savedWithin(db, { value: { numerator: 45, denominator: 60 } })).toMatchObject({
      indicatorId: 'r',
    });
  });

  it('refuses a numerator above the denominator, and a zero denominator', async () => {
    const { db, saves, card } = await cardWith(ratioIndicator);
    const numerator = card.getByRole('textbox', { name: 'Số hộ có cáp quang' });
    const denominator = card.getByRole('textbox', { name: 'Tổng số hộ' });
    type(numerator, '70');
    type(denominator, '60');
    await waitFor(() =>
      expect(card.getByRole('alert').textContent).toBe('Tử số không được lớn hơn mẫu số'),
    );
    expect(numerator.getAttribute('aria-invalid')).toBe('true');
    expect(flushNow(saves)).toEqual([]);
    type(numerator, '0');
    type(denominator, '0');
    await waitFor(() => expect(card.getByRole('alert').textContent).toBe('Mẫu số phải lớn hơn 0'));
    expect(denominator.getAttribute('aria-invalid')).toBe('true');
    // Left to the debounce as well: still nothing.
    await afterAutosaveWindow();
    expect(saves).toEqual([]);
    expect(await outbox(db)).toEqual([]);
  });
});

describe('percent indicator', () => {
  it('is labelled "Tỷ lệ (%)" and reads the Vietnamese decimal comma: "1,5" → 1.5', async () => {
    const { db, card } = await cardWith(percentIndicator);
    const input = card.getByRole('textbox', { name: 'Tỷ lệ (%)' });
    expect(input.getAttribute('inputmode')).toBe('decimal');
    type(input, '1,5');
    expect(await savedWithin(db, { value: 1.5 })).toMatchObject({ indicatorId: 'p' });
    // What the officer typed stays as typed (no reformatting under their fingers).
    expect(valueOf(input)).toBe('1,5');
  });

  it('refuses values outside 0–100 and what is not a number, saving nothing', async () => {
    const { saves, card } = await cardWith(percentIndicator);
    const input = card.getByRole('textbox', { name: 'Tỷ lệ (%)' });
    for (const [text, message] of [
      ['101', 'Nhập số từ 0 đến 100'],
      ['100,5', 'Nhập số từ 0 đến 100'],
      ['abc', 'Nhập một số'],
      ['1,', 'Nhập một số'],
      ['-5', 'Nhập một số'],
    ] as const) {
      type(input, text);
      await waitFor(() => expect(card.getByRole('alert').textContent).toBe(message));
      expect(flushNow(saves)).toEqual([]);
    }
  });
});

describe('text indicator', () => {
  it('is a multi-line "Nội dung" field saving the text as typed', async () => {
    const { db, card } = await cardWith(textPresenceIndicator);
    const input = card.getByRole('textbox', { name: 'Nội dung' });
    expect(input.tagName).toBe('TEXTAREA');
    type(input, 'Đã triển khai tại 5/5 thôn');
    expect(await savedWithin(db, { value: 'Đã triển khai tại 5/5 thôn' })).toMatchObject({
      indicatorId: 'tp',
    });
  });

  it('refuses more than 4,000 characters: "Tối đa 4.000 ký tự"', async () => {
    const { saves, card } = await cardWith(textPresenceIndicator);
    type(card.getByRole('textbox', { name: 'Nội dung' }), 'a'.repeat(4001));
    expect(await errorMessage(card)).toBe('Tối đa 4.000 ký tự');
    expect(flushNow(saves)).toEqual([]);
  });
});

describe('date indicator', () => {
  it('is a "Ngày" date picker saving the ISO date', async () => {
    const { db, card } = await cardWith(datePresenceIndicator);
    const input = card.getByLabelText('Ngày');
    expect(input.getAttribute('type')).toBe('date');
    type(input, '2025-06-30');
    expect(await savedWithin(db, { value: '2025-06-30' })).toMatchObject({ indicatorId: 'dp' });
  });
});

describe('leaving the page', () => {
  it('saves what was typed at once, without waiting for the debounce', async () => {
    const { db, saves, card } = await cardWith(tiersIndicator);
    type(card.getByRole('textbox', { name: 'cuộc họp' }), '4');
    expect(flushNow(saves)).toEqual([{ indicatorId: 't', fields: { value: 4 } }]);
    await waitFor(async () =>
      expect((await outbox(db)).map((entry) => entry.mutation.type)).toEqual(['answer.set']),
    );
  });
});
