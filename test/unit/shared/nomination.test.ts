import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COMMENT_PERIOD_DAYS,
  NOMINATION_EVENTS,
  acceptsComments,
  allowedNominationEvents,
  isNominationEvent,
  nextNominationState,
  nominationEligibility,
  nominationTransition,
  type NominationEvent,
  type NominationEventType,
  type NominationLifecycle,
} from '../../../src/shared/commendation/nomination';
import {
  NOMINATION_STATES,
  Nomination,
  PublicComment,
  type NominationState,
} from '../../../src/shared/commendation/schemas';
import { SUBMISSION_STATUSES } from '../../../src/shared/workflow/state-machine';

const MAY_DAY = ['2025-04-30', '2025-05-01'];

// Rows: current state. Columns: the event. Cells: the next state, or null when not allowed.
const EXPECTED: Record<NominationState, Record<NominationEventType, NominationState | null>> = {
  draft: { publish: 'published', close: null, decide: null, withdraw: 'withdrawn' },
  published: { publish: null, close: 'closed', decide: null, withdraw: 'withdrawn' },
  closed: { publish: null, close: null, decide: 'decided', withdraw: null },
  decided: { publish: null, close: null, decide: null, withdraw: null },
  withdrawn: { publish: null, close: null, decide: null, withdraw: null },
};

/** A lifecycle in each state, consistent with what the earlier steps would have written. */
const LIFECYCLES: Record<NominationState, NominationLifecycle> = {
  draft: { state: 'draft' },
  published: { state: 'published', publishedAt: '2025-04-28', commentUntil: '2025-05-14' },
  closed: { state: 'closed', publishedAt: '2025-04-28', commentUntil: '2025-05-14' },
  decided: {
    state: 'decided',
    publishedAt: '2025-04-28',
    commentUntil: '2025-05-14',
    decision: 'approved',
    decidedOn: '2025-05-20',
  },
  withdrawn: { state: 'withdrawn' },
};

const PUBLISH: Extract<NominationEvent, { type: 'publish' }> = {
  type: 'publish',
  on: '2025-04-28',
  holidays: MAY_DAY,
};

/** Each event with a payload that satisfies every guard but the state one. */
const EVENTS: Record<NominationEventType, NominationEvent> = {
  publish: PUBLISH,
  close: { type: 'close', on: '2025-05-15' },
  decide: { type: 'decide', decision: 'rejected', on: '2025-05-20' },
  withdraw: { type: 'withdraw' },
};

describe('nomination lifecycle table', () => {
  it('knows five states and four events', () => {
    expect([...NOMINATION_STATES]).toEqual([
      'draft',
      'published',
      'closed',
      'decided',
      'withdrawn',
    ]);
    expect([...NOMINATION_EVENTS]).toEqual(['publish', 'close', 'decide', 'withdraw']);
  });

  for (const state of NOMINATION_STATES) {
    for (const event of NOMINATION_EVENTS) {
      const expected = EXPECTED[state][event];
      it(`${state} + ${event} → ${expected ?? 'refused'}`, () => {
        expect(nextNominationState(state, event)).toBe(expected);
        const result = nominationTransition(LIFECYCLES[state], EVENTS[event]);
        if (expected === null) {
          expect(result).toMatchObject({ ok: false, code: 'WRONG_STATE' });
        } else {
          expect(result).toMatchObject({ ok: true, next: { state: expected } });
        }
      });
    }
  }

  it('lists the allowed events of each state', () => {
    expect(allowedNominationEvents('draft')).toEqual(['publish', 'withdraw']);
    expect(allowedNominationEvents('published')).toEqual(['close', 'withdraw']);
    expect(allowedNominationEvents('closed')).toEqual(['decide']);
    expect(allowedNominationEvents('decided')).toEqual([]);
    expect(allowedNominationEvents('withdrawn')).toEqual([]);
  });

  it('treats unknown events from the network as not allowed', () => {
    expect(isNominationEvent('close')).toBe(true);
    expect(isNominationEvent('toString')).toBe(false);
    expect(nextNominationState('draft', 'toString' as NominationEventType)).toBeNull();
  });
});

describe('nominationTransition', () => {
  it('publishing opens 10 working days of comment from the day after', () => {
    expect(DEFAULT_COMMENT_PERIOD_DAYS).toBe(10);
    const result = nominationTransition(LIFECYCLES.draft, EVENTS.publish);
    expect(result).toEqual({
      ok: true,
      next: { state: 'published', publishedAt: '2025-04-28', commentUntil: '2025-05-14' },
    });
  });

  it('takes another period length, and refuses a senseless one', () => {
    const publish = (periodDays: number) =>
      nominationTransition(LIFECYCLES.draft, { ...PUBLISH, periodDays });
    expect(publish(15)).toMatchObject({ ok: true, next: { commentUntil: '2025-05-21' } });
    for (const days of [0, -1, 2.5, Number.NaN]) {
      expect(publish(days)).toMatchObject({ ok: false, code: 'INVALID_PERIOD' });
    }
  });

  it('refuses malformed dates with a code instead of throwing', () => {
    expect(nominationTransition(LIFECYCLES.draft, { ...PUBLISH, on: '28/04/2025' })).toMatchObject({
      ok: false,
      code: 'INVALID_DATE',
    });
    expect(
      nominationTransition(LIFECYCLES.draft, { ...PUBLISH, holidays: ['2025-04-31'] }),
    ).toMatchObject({ ok: false, code: 'INVALID_DATE' });
    expect(nominationTransition(LIFECYCLES.published, { type: 'close', on: 'soon' })).toMatchObject(
      { ok: false, code: 'INVALID_DATE' },
    );
    expect(
      nominationTransition(LIFECYCLES.closed, { type: 'decide', decision: 'approved', on: '' }),
    ).toMatchObject({ ok: false, code: 'INVALID_DATE' });
  });

  it('refuses to close while comments are still taken, the last day included', () => {
    for (const on of ['2025-04-29', '2025-05-13', '2025-05-14']) {
      expect(nominationTransition(LIFECYCLES.published, { type: 'close', on })).toMatchObject({
        ok: false,
        code: 'COMMENT_PERIOD_OPEN',
      });
    }
    expect(nominationTransition(LIFECYCLES.published, { type: 'close', on: '2025-05-15' })).toEqual(
      {
        ok: true,
        next: { state: 'closed', publishedAt: '2025-04-28', commentUntil: '2025-05-14' },
      },
    );
    // A published record that lost its period cannot prove the period is over.
    expect(
      nominationTransition({ state: 'published' }, { type: 'close', on: '2030-01-01' }),
    ).toMatchObject({ ok: false, code: 'COMMENT_PERIOD_OPEN' });
  });

  it('records the decision and its day', () => {
    expect(nominationTransition(LIFECYCLES.closed, EVENTS.decide)).toEqual({
      ok: true,
      next: {
        state: 'decided',
        publishedAt: '2025-04-28',
        commentUntil: '2025-05-14',
        decision: 'rejected',
        decidedOn: '2025-05-20',
      },
    });
  });

  it('keeps the publication dates when a published nomination is withdrawn', () => {
    expect(nominationTransition(LIFECYCLES.published, EVENTS.withdraw)).toEqual({
      ok: true,
      next: { state: 'withdrawn', publishedAt: '2025-04-28', commentUntil: '2025-05-14' },
    });
  });

  it('does not modify its input', () => {
    const before = structuredClone(LIFECYCLES.published);
    nominationTransition(LIFECYCLES.published, EVENTS.close);
    expect(LIFECYCLES.published).toEqual(before);
  });
});

describe('eligibility and comments', () => {
  it('nominates only units whose result is accepted', () => {
    expect(nominationEligibility('accepted')).toEqual({ ok: true });
    expect(nominationEligibility(null)).toMatchObject({ ok: false, code: 'NO_SUBMISSION' });
    for (const status of SUBMISSION_STATUSES.filter((s) => s !== 'accepted')) {
      expect(nominationEligibility(status)).toMatchObject({
        ok: false,
        code: 'SUBMISSION_NOT_ACCEPTED',
      });
    }
  });

  it('takes comments from the publication day to the last day of the period', () => {
    const open = LIFECYCLES.published;
    expect(acceptsComments(open, '2025-04-27')).toBe(false);
    expect(acceptsComments(open, '2025-04-28')).toBe(true);
    expect(acceptsComments(open, '2025-05-14')).toBe(true);
    expect(acceptsComments(open, '2025-05-15')).toBe(false);
    expect(acceptsComments(open, 'garbage')).toBe(false);
    expect(acceptsComments(LIFECYCLES.closed, '2025-05-01')).toBe(false);
    expect(acceptsComments(LIFECYCLES.draft, '2025-05-01')).toBe(false);
  });
});

describe('nomination and comment schemas', () => {
  const collective: Nomination = {
    id: 'nom-1',
    campaignId: 'cds-2025',
    kind: 'collective',
    unitId: '22783',
    title: { vi: 'Bằng khen của Chủ tịch UBND tỉnh' },
    state: 'draft',
  };
  const individual: Nomination = {
    ...collective,
    id: 'nom-2',
    kind: 'individual',
    personName: 'Nguyễn Văn A',
    achievement: 'Đưa 100% thủ tục hành chính của xã lên môi trường số.',
    title: { vi: 'Chiến sĩ thi đua cơ sở', en: 'Grassroots emulation fighter' },
  };
  const issues = (value: unknown) =>
    (Nomination.safeParse(value).error?.issues ?? []).map((i) => i.path.join('.'));

  it('accepts well-formed records in every state the lifecycle produces', () => {
    expect(issues(collective)).toEqual([]);
    expect(issues(individual)).toEqual([]);
    for (const state of NOMINATION_STATES) {
      expect(issues({ ...individual, ...LIFECYCLES[state] })).toEqual([]);
    }
    const published = nominationTransition(LIFECYCLES.draft, EVENTS.publish);
    if (!published.ok) throw new Error(published.reason);
    expect(issues({ ...collective, ...published.next })).toEqual([]);
  });

  it('requires a name and an achievement for an individual, and no name for a collective', () => {
    expect(issues({ ...individual, personName: undefined })).toEqual(['personName']);
    expect(issues({ ...individual, achievement: '   ' })).toEqual(['achievement']);
    expect(issues({ ...individual, achievement: 'x'.repeat(1001) })).toEqual(['achievement']);
    expect(issues({ ...individual, achievement: 'x'.repeat(1000) })).toEqual([]);
    expect(issues({ ...collective, personName: 'Nguyễn Văn A' })).toEqual(['personName']);
  });

  it('checks the fields each state must and must not have', () => {
    expect(issues({ ...collective, state: 'published' })).toEqual(['publishedAt', 'commentUntil']);
    expect(
      issues({ ...collective, publishedAt: '2025-04-28', commentUntil: '2025-05-14' }),
    ).toEqual(['publishedAt']);
    expect(issues({ ...collective, ...LIFECYCLES.closed, decision: 'approved' })).toEqual([
      'decision',
    ]);
    expect(issues({ ...collective, ...LIFECYCLES.decided, decision: undefined })).toEqual([
      'decision',
    ]);
    expect(issues({ ...collective, ...LIFECYCLES.published, commentUntil: '2025-04-28' })).toEqual([
      'commentUntil',
    ]);
    expect(issues({ ...collective, state: 'approved' })).toEqual(['state']);
  });

  it('bounds public comments and starts them pending', () => {
    const comment: PublicComment = {
      id: 'c-1',
      nominationId: 'nom-1',
      body: 'Đồng ý, xã làm rất tốt.',
      state: 'pending',
      receivedAt: '2025-05-02T08:15:00+07:00',
    };
    const ok = (value: unknown) => PublicComment.safeParse(value).success;
    expect(ok(comment)).toBe(true);
    expect(ok({ ...comment, authorName: 'Trần Thị B' })).toBe(true);
    expect(ok({ ...comment, body: 'x'.repeat(2000) })).toBe(true);
    expect(ok({ ...comment, body: 'x'.repeat(2001) })).toBe(false);
    expect(ok({ ...comment, body: '  ' })).toBe(false);
    expect(ok({ ...comment, authorName: 'x'.repeat(101) })).toBe(false);
    expect(ok({ ...comment, state: 'approved' })).toBe(false);
    expect(ok({ ...comment, receivedAt: '2025-05-02' })).toBe(false);
    expect(ok({ ...comment, extra: 1 })).toBe(false);
  });
});
