// A change the server refused is shown where the officer made it, in their language: the value
// that was refused, why (from the stable code and the shared schema, never the server's English
// text), and the server's value, which the field shows again.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxEntry } from '../../../src/app/db/database';
import { changeLanguage, initI18n } from '../../../src/app/i18n';
import type { Mutation } from '../../../src/shared/protocol/sync';
import { shippedTemplate } from '../shared/shipped-data';
import {
  FIXED_NOW,
  SUBMISSION_ID,
  closeDbs,
  freshDb,
  outbox,
  renderChecklist,
  seedChecklist,
} from './checklist-harness';

beforeAll(async () => {
  await initI18n('vi');
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(FIXED_NOW);
});
afterEach(async () => {
  vi.useRealTimers();
  closeDbs();
  await changeLanguage('vi');
});

/** A mutation as the test writes it: the helper gives it an id and a time. */
type Unstamped = Mutation extends infer M
  ? M extends Mutation
    ? Omit<M, 'id' | 'at'>
    : never
  : never;
type RefusalCode = NonNullable<OutboxEntry['rejection']>['code'];

let n = 0;
function refused(mutation: Unstamped, code: RefusalCode): OutboxEntry {
  const id = `01JREFUSED${String(n++).padStart(16, '0')}`;
  return {
    mutationId: id,
    mutation: { id, at: FIXED_NOW.toISOString(), ...mutation },
    state: 'rejected',
    touches: [],
    attempts: 1,
    createdAt: FIXED_NOW.toISOString(),
    sent: 1,
    rejection: {
      code,
      message: 'Too big: expected int to be <=9007199254740991',
    },
  };
}

async function screenWithRefusals(entries: OutboxEntry[]) {
  const db = freshDb('refusals');
  await seedChecklist(db, { template: shippedTemplate, answers: { '1.2': 7 } });
  await db.outbox.bulkAdd(entries);
  await renderChecklist(db);
  return db;
}

const tooBig = () =>
  refused(
    {
      type: 'answer.set',
      submissionId: SUBMISSION_ID,
      indicatorId: '1.2',
      fields: { value: 1e20 },
    },
    'VALIDATION_FAILED',
  );

describe('a refused answer', () => {
  it('says which value was refused and why, and shows the server value in the field', async () => {
    const db = await screenWithRefusals([tooBig()]);
    const card = within(screen.getByTestId('indicator-1.2'));
    const note = await card.findByTestId('refusal-1.2');
    expect(note.textContent).toContain(
      'Máy chủ không nhận «100.000.000.000.000.000.000»: Số quá lớn, hãy kiểm tra lại.',
    );
    expect(note.textContent).toContain('Giá trị trên máy chủ, đang hiển thị: 7.');
    expect(note.textContent).not.toMatch(/Too big|expected/);
    expect(card.getByRole<HTMLInputElement>('textbox', { name: 'cuộc họp' }).value).toBe('7');
    fireEvent.click(card.getByRole('button', { name: 'Đã hiểu' }));
    await waitFor(async () => expect(await outbox(db)).toEqual([]));
    await waitFor(() => expect(card.queryByTestId('refusal-1.2')).toBeNull());
  });

  it('names a workflow refusal in words, in English too', async () => {
    await changeLanguage('en');
    await screenWithRefusals([
      refused(
        {
          type: 'answer.set',
          submissionId: SUBMISSION_ID,
          indicatorId: '1.3',
          fields: { value: true },
        },
        'WORKFLOW_VIOLATION',
      ),
      refused(
        { type: 'submission.transition', submissionId: SUBMISSION_ID, event: 'submit' },
        'FORBIDDEN',
      ),
    ]);
    const note = await screen.findByTestId('refusal-1.3');
    expect(note.textContent).toContain(
      'The server did not accept “Yes”: the submission has been sent or approved, so it cannot be edited.',
    );
    expect(note.textContent).toContain('The server has no answer to this indicator.');
    expect(
      screen.getByText('The server refused a change: Your account may not make this change.'),
    ).toBeTruthy();
  });
});
