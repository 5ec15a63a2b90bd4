// The history as people read it: an answer's changes under it (who, when, old → new) and, for the
// reviewer, what changed since the return — from a timeline built by the shared derivation.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AnswerHistory } from '../../../src/app/features/history/AnswerHistory';
import { ChangesSince } from '../../../src/app/features/history/ChangesSince';
import { changeLanguage, initI18n } from '../../../src/app/i18n';
import {
  answerHistory,
  buildTimeline,
  type AuditedMutation,
} from '../../../src/shared/history/timeline';
import type { Mutation } from '../../../src/shared/protocol/sync';
import { templateIndicators } from '../../../src/shared/schemas/template';
import { shippedTemplate } from '../shared/shipped-data';

const SUBMISSION = 'cds-2025@22783';
const AT = '2026-03-02T08:05:00.000Z';
const indicators = templateIndicators(shippedTemplate);
const indicatorOf = (id: string) => indicators.find((item) => item.id === id);
const count = indicatorOf('1.2');
const names: Record<string, string> = { o: 'Nguyễn Văn A', r: 'Trần Thị B', d: 'Lê Văn C' };

/** A mutation as the test writes it: the helper gives it an id and a time. */
type Unstamped = Mutation extends infer M
  ? M extends Mutation
    ? Omit<M, 'id' | 'at'>
    : never
  : never;

let seq = 0;
function event(actor: string, mutation: Unstamped, relayedBy?: string): AuditedMutation {
  seq += 1;
  const stamped: Mutation = { ...mutation, id: `m${seq}`, at: AT };
  return { seq, at: AT, actor, ...(relayedBy ? { relayedBy } : {}), mutation: stamped };
}
const setValue = (indicatorId: string, value: unknown) =>
  ({ type: 'answer.set', submissionId: SUBMISSION, indicatorId, fields: { value } }) as const;

function timeline() {
  seq = 0;
  return buildTimeline(
    [
      event('o', setValue('1.2', 4)),
      event('o', {
        type: 'submission.transition',
        submissionId: SUBMISSION,
        event: 'submit',
      } as const),
      event('r', {
        type: 'submission.transition',
        submissionId: SUBMISSION,
        event: 'return',
        indicatorReasons: [{ indicatorId: '1.2', reason: 'Thiếu biên bản' }],
      } as const),
      event('o', setValue('1.2', 6), 'd'),
      event('o', {
        type: 'evidence.add',
        evidence: {
          id: 'ev-1',
          submissionId: SUBMISSION,
          indicatorId: '1.2',
          sha256: 'c'.repeat(64),
          mime: 'image/jpeg',
          bytes: 10,
          caption: '',
        },
      } as const),
    ],
    (id) => names[id] ?? id,
  );
}

beforeAll(async () => {
  await initI18n('vi');
});
afterEach(async () => {
  cleanup();
  await changeLanguage('vi');
});

describe('the history under an answer', () => {
  it("lists each change with who, and old → new in the app's number format", () => {
    if (!count) throw new Error('1.2 is in the shipped template');
    render(<AnswerHistory entries={answerHistory(timeline(), '1.2')} indicator={count} />);
    const history = screen.getByTestId('history-1.2');
    expect(within(history).getByText('Lịch sử: 2 lần sửa')).toBeTruthy();
    const items = within(history)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items[0]).toContain('Nguyễn Văn A');
    expect(items[0]).toContain('(trống) → 4');
    expect(items[1]).toContain('4 → 6');
    expect(items[1]).toContain('(chuyển lên qua Lê Văn C)');
  });

  it('is not there for an answer nobody changed', () => {
    if (!count) throw new Error('1.2 is in the shipped template');
    const { container } = render(
      <AnswerHistory entries={answerHistory(timeline(), '2.1')} indicator={count} />,
    );
    expect(container.textContent).toBe('');
  });
});

describe('what changed since the return', () => {
  it('names the return and each changed indicator, in Vietnamese and in English', async () => {
    render(<ChangesSince entries={timeline()} indicatorOf={indicatorOf} />);
    const box = screen.getByTestId('changes-since');
    expect(box.textContent).toContain('Thay đổi từ khi trả lại');
    expect(box.textContent).toContain('Trần Thị B');
    expect(screen.getByTestId('changed-1.2').textContent).toBe('1.2 4 → 6 · thêm 1 minh chứng');
    cleanup();
    await changeLanguage('en');
    render(<ChangesSince entries={timeline()} indicatorOf={indicatorOf} />);
    expect(screen.getByTestId('changed-1.2').textContent).toBe('1.2 4 → 6 · 1 evidence item added');
  });

  it('is not shown for a submission never returned', () => {
    const { container } = render(
      <ChangesSince entries={timeline().slice(0, 2)} indicatorOf={indicatorOf} />,
    );
    expect(container.textContent).toBe('');
  });
});
