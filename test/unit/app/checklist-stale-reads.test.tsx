// The keystroke-loss bugs seen in the field while a first sync ran: a live query can resolve with
// an older read after the card's own save has committed, and a save can still be in flight when a
// change from elsewhere shows up. The card is driven here with exactly those orders of events, its
// stored answer handed in by the test, so every interleaving is deterministic.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IndicatorCard } from '../../../src/app/features/checklist/IndicatorCard';
import type { AnswerFields } from '../../../src/app/features/checklist/use-autosave';
import type { StoredAnswer } from '../../../src/app/features/checklist/use-checklist';
import { initI18n } from '../../../src/app/i18n';
import type { Indicator } from '../../../src/shared/schemas/template';
import { percentIndicator } from '../shared/sample-indicators';

beforeAll(async () => {
  await initI18n('vi');
});
afterEach(() => {
  cleanup();
});

interface PendingSave {
  fields: AnswerFields;
  land: (rev: number) => Promise<void>;
}

/** One card whose saves the test lands (or holds) by hand, and whose stored answer it sets. */
function harness(indicator: Indicator, initial: StoredAnswer) {
  const saves: PendingSave[] = [];
  const onSave = (_id: string, fields: AnswerFields) =>
    new Promise<number | undefined>((resolve) => {
      saves.push({
        fields,
        land: async (rev) => {
          await act(async () => {
            resolve(rev);
            await Promise.resolve();
          });
        },
      });
    });
  const card = (stored: StoredAnswer) => (
    <IndicatorCard
      indicator={indicator}
      stored={stored}
      evidence={[]}
      score={undefined}
      reviews={[]}
      editable
      onSave={onSave}
    />
  );
  const view = render(card(initial));
  const scope = within(screen.getByTestId(`indicator-${indicator.id}`));
  return {
    saves,
    show: (stored: StoredAnswer) => {
      act(() => view.rerender(card(stored)));
    },
    input: () => scope.getByRole<HTMLInputElement>('textbox', { name: 'Tỷ lệ (%)' }),
    note: () => scope.getByRole<HTMLInputElement>('textbox', { name: 'Ghi chú' }),
  };
}

const typeInto = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });
const flush = () => fireEvent(window, new Event('pagehide'));

describe('a card under a sync that writes while the officer types', () => {
  it('ignores a read older than its own save (92,5 stays 92,5)', async () => {
    const card = harness(percentIndicator, { value: null, note: null, rev: 10 });
    typeInto(card.input(), '9');
    flush();
    await card.saves[0]!.land(11);
    card.show({ value: 9, note: null, rev: 11 });
    typeInto(card.input(), '92,5');
    // A live query that started before the save committed resolves now, with the old record.
    card.show({ value: null, note: null, rev: 10 });
    expect(card.input().value).toBe('92,5');
    flush();
    expect(card.saves.map((save) => save.fields)).toEqual([{ value: 9 }, { value: 92.5 }]);
  });

  it('takes no change from elsewhere while its save is in flight, then only a newer one', async () => {
    const card = harness(percentIndicator, { value: 40, note: null, rev: 10 });
    typeInto(card.input(), '84');
    flush();
    // A pull committed just before the save: the stored answer shows it while the save is out.
    card.show({ value: 50, note: null, rev: 11 });
    expect(card.input().value).toBe('84');
    await card.saves[0]!.land(12);
    expect(card.input().value).toBe('84');
    card.show({ value: 84, note: null, rev: 12 });
    expect(card.input().value).toBe('84');
    // Later, a genuine change from another phone replaces the untouched field.
    card.show({ value: 37.5, note: null, rev: 13 });
    expect(card.input().value).toBe('37.5');
    flush();
    expect(card.saves).toHaveLength(1);
  });

  it('keeps a field being typed and takes the other field from elsewhere', () => {
    const card = harness(percentIndicator, { value: 40, note: 'cũ', rev: 10 });
    typeInto(card.input(), '92,');
    card.show({ value: 60, note: 'UBND ngày 15/01/2025', rev: 11 });
    expect(card.input().value).toBe('92,');
    expect(card.note().value).toBe('UBND ngày 15/01/2025');
    typeInto(card.note(), 'UBND ngày 15/01/2025 (bản sao)');
    card.show({ value: 61, note: 'khác', rev: 12 });
    expect(card.note().value).toBe('UBND ngày 15/01/2025 (bản sao)');
  });

  it('shows a refusal putting the server value back when nothing was typed since', async () => {
    const card = harness(percentIndicator, { value: 7, note: null, rev: 10 });
    typeInto(card.input(), '70');
    flush();
    await card.saves[0]!.land(11);
    card.show({ value: 70, note: null, rev: 11 });
    // The server refused 70 and the engine wrote its current value back.
    card.show({ value: 7, note: null, rev: 12 });
    expect(card.input().value).toBe('7');
    flush();
    expect(card.saves).toHaveLength(1);
  });
});
