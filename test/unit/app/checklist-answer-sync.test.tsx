// What a card does with answers that already exist: clearing them, the note, a value arriving from
// another phone (a pull), and a locked card that must not save anything. Saves are forced with the
// page-hide flush to keep the suite fast; the 300 ms debounce path is timed in checklist-inputs.
import { fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../../src/app/i18n';
import type { Indicator } from '../../../src/shared/schemas/template';
import {
  booleanIndicator,
  choiceIndicator,
  datePresenceIndicator,
  percentIndicator,
  ratioIndicator,
  textPresenceIndicator,
  tiersIndicator,
} from '../shared/sample-indicators';
import {
  FIXED_NOW,
  afterAutosaveWindow,
  cardWith,
  checked,
  closeDbs,
  flushNow,
  outbox,
  pullAnswer,
  savedOnFlush,
  savedWithin,
  type,
  valueOf,
  type Card,
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

/** The answer controls of each type whose answer can be erased, with a stored value. */
const clearable: [string, Indicator, unknown, (card: Card) => HTMLElement[]][] = [
  ['count', tiersIndicator, 3, (card) => [card.getByRole('textbox', { name: 'cuộc họp' })]],
  [
    'ratio',
    ratioIndicator,
    { numerator: 1, denominator: 2 },
    (card) => [
      card.getByRole('textbox', { name: 'Số hộ có cáp quang' }),
      card.getByRole('textbox', { name: 'Tổng số hộ' }),
    ],
  ],
  ['percent', percentIndicator, 80, (card) => [card.getByRole('textbox', { name: 'Tỷ lệ (%)' })]],
  [
    'text',
    textPresenceIndicator,
    'Có',
    (card) => [card.getByRole('textbox', { name: 'Nội dung' })],
  ],
  ['date', datePresenceIndicator, '2025-01-15', (card) => [card.getByLabelText('Ngày')]],
];

describe('clearing an answer', () => {
  it.each(clearable)(
    '%s: emptying the field sends value null',
    async (_, indicator, value, controls) => {
      const { db, card } = await cardWith(indicator, { value });
      for (const control of controls(card)) expect(valueOf(control)).not.toBe('');
      for (const control of controls(card)) type(control, '');
      expect(await savedOnFlush(db, { value: null })).toMatchObject({ indicatorId: indicator.id });
    },
  );

  it('text: blank text counts as empty and sends value null', async () => {
    const { db, card } = await cardWith(textPresenceIndicator, { value: 'Có' });
    type(card.getByRole('textbox', { name: 'Nội dung' }), '   ');
    await savedOnFlush(db, { value: null });
  });
});

describe('the note', () => {
  it('saves only the note when the note changes, and null when it is emptied', async () => {
    const { db, card } = await cardWith(percentIndicator, { value: 50 });
    const note = card.getByRole('textbox', { name: 'Ghi chú' });
    type(note, 'Theo báo cáo quý IV');
    await savedOnFlush(db, { note: 'Theo báo cáo quý IV' });
    type(note, '');
    await savedOnFlush(db, { note: null });
  });

  it('travels with the value when both changed', async () => {
    const { db, card } = await cardWith(tiersIndicator);
    type(card.getByRole('textbox', { name: 'cuộc họp' }), '2');
    type(card.getByRole('textbox', { name: 'Ghi chú' }), 'Họp quý I và III');
    await savedOnFlush(db, { value: 2, note: 'Họp quý I và III' });
  });
});

/** A value another phone saved, as a pull writes it, and what the card must then show. */
const pulled: [string, Indicator, unknown, (card: Card) => void][] = [
  [
    'boolean',
    booleanIndicator,
    false,
    (card) => expect(checked(card.getByRole('radio', { name: 'Không' }))).toBe(true),
  ],
  [
    'choice',
    choiceIndicator,
    'chairman',
    (card) => expect(checked(card.getByRole('radio', { name: 'Chủ tịch' }))).toBe(true),
  ],
  [
    'count',
    tiersIndicator,
    4,
    (card) => expect(valueOf(card.getByRole('textbox', { name: 'cuộc họp' }))).toBe('4'),
  ],
  [
    'ratio',
    ratioIndicator,
    { numerator: 30, denominator: 40 },
    (card) => {
      expect(valueOf(card.getByRole('textbox', { name: 'Số hộ có cáp quang' }))).toBe('30');
      expect(valueOf(card.getByRole('textbox', { name: 'Tổng số hộ' }))).toBe('40');
    },
  ],
  [
    'percent',
    percentIndicator,
    42.5,
    (card) => expect(valueOf(card.getByRole('textbox', { name: 'Tỷ lệ (%)' }))).toBe('42.5'),
  ],
  [
    'text',
    textPresenceIndicator,
    'Nhập từ máy khác',
    (card) =>
      expect(valueOf(card.getByRole('textbox', { name: 'Nội dung' }))).toBe('Nhập từ máy khác'),
  ],
  [
    'date',
    datePresenceIndicator,
    '2025-12-01',
    (card) => expect(valueOf(card.getByLabelText('Ngày'))).toBe('2025-12-01'),
  ],
];

describe('a value arriving from elsewhere', () => {
  it.each(pulled)(
    '%s: replaces what the card shows, without echoing a save',
    async (_, indicator, value, shows) => {
      const { db, saves, card } = await cardWith(indicator);
      await pullAnswer(db, indicator.id, { value, note: 'Ghi chú từ máy khác' });
      await waitFor(() => shows(card));
      expect(valueOf(card.getByRole('textbox', { name: 'Ghi chú' }))).toBe('Ghi chú từ máy khác');
      expect(flushNow(saves)).toEqual([]);
      expect(await outbox(db)).toEqual([]);
    },
  );

  it('replaces an answer the officer saved earlier, and later edits save on top of it', async () => {
    const { db, saves, card } = await cardWith(tiersIndicator);
    const input = card.getByRole('textbox', { name: 'cuộc họp' });
    type(input, '1');
    await savedOnFlush(db, { value: 1 });
    const before = saves.length;
    await pullAnswer(db, 't', { value: 3 });
    await waitFor(() => expect(valueOf(input)).toBe('3'));
    expect(flushNow(saves).slice(before)).toEqual([]);
    type(input, '5');
    await savedOnFlush(db, { value: 5 });
  });

  it('a pull clearing the answer empties the field', async () => {
    const { db, saves, card } = await cardWith(percentIndicator, { value: 70 });
    const input = card.getByRole('textbox', { name: 'Tỷ lệ (%)' });
    expect(valueOf(input)).toBe('70');
    await pullAnswer(db, 'p', { value: null });
    await waitFor(() => expect(valueOf(input)).toBe(''));
    expect(flushNow(saves)).toEqual([]);
  });
});

describe('hiding the page', () => {
  it('saves what was typed at once when the phone switches apps', async () => {
    const { db, saves, card } = await cardWith(ratioIndicator);
    type(card.getByRole('textbox', { name: 'Số hộ có cáp quang' }), '7');
    type(card.getByRole('textbox', { name: 'Tổng số hộ' }), '7');
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    fireEvent(document, new Event('visibilitychange'));
    expect(saves).toEqual([
      { indicatorId: 'r', fields: { value: { numerator: 7, denominator: 7 } } },
    ]);
    // The synchronous check above is the "at once"; this is where the save lands.
    await savedWithin(db, { value: { numerator: 7, denominator: 7 } });
  });
});

describe('a card that is not editable', () => {
  it.each(pulled)(
    '%s: every control is disabled and nothing is saved',
    async (_, indicator, value, shows) => {
      const { db, saves, card, element } = await cardWith(
        indicator,
        { value, note: 'Ghi chú cũ' },
        false,
      );
      shows(card);
      const controls = [...element.querySelectorAll('input, textarea')];
      expect(controls.length).toBeGreaterThan(1);
      for (const control of controls) expect(control.matches(':disabled')).toBe(true);
      expect(flushNow(saves)).toEqual([]);
      // A value pulled while locked is shown, and not echoed back either.
      await pullAnswer(db, indicator.id, { note: 'Ghi chú mới' });
      await waitFor(() =>
        expect(valueOf(card.getByRole('textbox', { name: 'Ghi chú' }))).toBe('Ghi chú mới'),
      );
      expect(flushNow(saves)).toEqual([]);
    },
  );

  it('saves nothing after the debounce window, when the page is hidden, or on unmount', async () => {
    const { db, saves } = await cardWith(tiersIndicator, { value: 2 }, false);
    await afterAutosaveWindow();
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    fireEvent(document, new Event('visibilitychange'));
    closeDbs(); // unmounts the card first: its cleanup flushes too
    expect(saves).toEqual([]);
    expect(db.isOpen()).toBe(false);
  });
});
