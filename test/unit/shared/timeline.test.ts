import { describe, expect, it } from 'vitest';
import {
  answerHistory,
  buildTimeline,
  changesSinceLastReturn,
  type AuditedMutation,
} from '../../../src/shared/history/timeline';
import type { Mutation } from '../../../src/shared/protocol/sync';

const SUBMISSION = 'cds-2025@22783';
const AT = '2026-03-01T08:00:00.000Z';
const names: Record<string, string> = { officer: 'Cán bộ xã', reviewer: 'Chuyên viên huyện' };
const nameOf = (id: string) => names[id] ?? id;

let seq = 0;
function event(actor: string, mutation: Mutation, relayedBy?: string): AuditedMutation {
  seq += 10;
  return { seq, at: AT, actor, mutation, ...(relayedBy ? { relayedBy } : {}) };
}
const answer = (indicatorId: string, fields: { value?: unknown; note?: string | null }) =>
  ({
    id: `m${seq}`,
    at: AT,
    type: 'answer.set',
    submissionId: SUBMISSION,
    indicatorId,
    fields,
  }) as const;
const photo = (id: string, indicatorId: string, caption = '') =>
  ({
    id: `m${seq}`,
    at: AT,
    type: 'evidence.add',
    evidence: {
      id,
      submissionId: SUBMISSION,
      indicatorId,
      sha256: 'a'.repeat(64),
      mime: 'image/jpeg',
      bytes: 1000,
      caption,
    },
  }) as const;
const remove = (evidenceId: string) =>
  ({ id: `m${seq}`, at: AT, type: 'evidence.delete', evidenceId }) as const;
const step = (
  event: 'submit' | 'return' | 'approve' | 'reopen',
  reason?: string,
  indicatorReasons?: { indicatorId: string; reason: string }[],
) =>
  ({
    id: `m${seq}`,
    at: AT,
    type: 'submission.transition',
    submissionId: SUBMISSION,
    event,
    ...(reason ? { reason } : {}),
    ...(indicatorReasons ? { indicatorReasons } : {}),
  }) as const;

/** One round trip of the correction loop: answer, submit, return with reasons, fix, resubmit. */
function loop(): AuditedMutation[] {
  seq = 0;
  return [
    event('officer', answer('1.2', { value: 3 })),
    event('officer', answer('1.2', { value: 4, note: 'Biên bản 4 cuộc họp' })),
    event('officer', answer('2.1', { value: true })),
    event('officer', photo('ev-1', '1.2')),
    event('officer', photo('ev-2', '2.1')),
    event('officer', step('submit')),
    event(
      'reviewer',
      step('return', 'Thiếu minh chứng', [{ indicatorId: '1.2', reason: 'Ảnh mờ' }]),
    ),
    event('officer', answer('1.2', { value: 6 })),
    event('officer', answer('1.2', { value: 5 })),
    event('officer', remove('ev-1')),
    event('officer', photo('ev-3', '1.2', 'Biên bản rõ')),
    event('officer', photo('ev-4', '2.1')),
    event('officer', remove('ev-4')),
    event('officer', answer('2.1', { value: false }), 'reviewer'),
    event('officer', answer('2.1', { value: true })),
    event('officer', step('submit')),
  ];
}

describe('the timeline of a submission, from its audit events', () => {
  it('shows each answer change as old → new, with who did it', () => {
    const timeline = buildTimeline(loop(), nameOf);
    const history = answerHistory(timeline, '1.2');
    expect(history.map((entry) => entry.value)).toEqual([
      { before: undefined, after: 3 },
      { before: 3, after: 4 },
      { before: 4, after: 6 },
      { before: 6, after: 5 },
    ]);
    expect(history[1]?.note).toEqual({ before: undefined, after: 'Biên bản 4 cuộc họp' });
    expect(history[0]?.by).toEqual({ id: 'officer', name: 'Cán bộ xã' });
  });

  it('records decisions with their reasons, and marks relayed changes', () => {
    const timeline = buildTimeline(loop(), nameOf);
    const returned = timeline.find(
      (entry) => entry.kind === 'decision' && entry.event === 'return',
    );
    expect(returned).toMatchObject({
      by: { name: 'Chuyên viên huyện' },
      reason: 'Thiếu minh chứng',
      indicatorReasons: [{ indicatorId: '1.2', reason: 'Ảnh mờ' }],
    });
    const relayed = timeline.filter((entry) => entry.relayedBy);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toMatchObject({ by: { id: 'officer' }, relayedBy: { id: 'reviewer' } });
  });

  it('orders by the server sequence, not by the order events were read', () => {
    const events = loop();
    const shuffled = [...events].reverse();
    expect(buildTimeline(shuffled, nameOf)).toEqual(buildTimeline(events, nameOf));
  });

  it('knows the indicator of a removed photo from when it was added', () => {
    const removed = buildTimeline(loop(), nameOf).filter(
      (entry) => entry.kind === 'evidence' && entry.change === 'removed',
    );
    expect(removed.map((entry) => entry.kind === 'evidence' && entry.indicatorId)).toEqual([
      '1.2',
      '2.1',
    ]);
  });
});

describe('what changed since the last return', () => {
  it('is the net change per indicator: answers, photos added and removed', () => {
    const changes = changesSinceLastReturn(buildTimeline(loop(), nameOf));
    expect(changes?.returned.reason).toBe('Thiếu minh chứng');
    expect(changes?.indicators).toEqual([
      {
        indicatorId: '1.2',
        value: { before: 4, after: 5 },
        evidenceAdded: ['ev-3'],
        evidenceRemoved: ['ev-1'],
        evidenceCaptioned: [],
      },
      // 2.1 went false and back to true, and its new photo was removed again: nothing to review.
    ]);
  });

  it('is null for a submission never returned', () => {
    const events = loop().slice(0, 6);
    expect(changesSinceLastReturn(buildTimeline(events, nameOf))).toBeNull();
  });

  it('counts from the latest return or reopen only', () => {
    const events = loop();
    seq = 1000;
    events.push(
      event('reviewer', step('return', 'Lần hai')),
      event('officer', answer('2.1', { value: false })),
    );
    const changes = changesSinceLastReturn(buildTimeline(events, nameOf));
    expect(changes?.returned.reason).toBe('Lần hai');
    expect(changes?.indicators).toEqual([
      {
        indicatorId: '2.1',
        value: { before: true, after: false },
        evidenceAdded: [],
        evidenceRemoved: [],
        evidenceCaptioned: [],
      },
    ]);
  });
});
