// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, type Actor } from '../../src/shared/permissions/can';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation, RejectionCode } from '../../src/shared/protocol/sync';
import { SubmissionStatus } from '../../src/shared/schemas/submission';
import type { Role } from '../../src/shared/schemas/user';
import {
  nextStatus,
  requiresReason,
  SUBMISSION_STATUSES,
  WORKFLOW_EVENTS,
  type WorkflowEvent,
} from '../../src/shared/workflow/state-machine';
import { answerAll } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The transition table: every role × every submission status × every workflow event, pushed as a
 * `submission.transition` through /api/sync on one commune's submission put in that status by the
 * real workflow. The server's answer (ack, or the rejection code) must be what the shared
 * `explain()` says for that actor and status, an allowed step must land on `nextStatus()`, and a
 * refused one must leave the status and the change feed as they were. The allowed cells are also
 * written out by hand from the design, so that a permission function denying everything (or
 * allowing everything) cannot make the comparison pass.
 */

const CAMPAIGN = 'cds-2025';
const UNIT = '22783';
const UNIT_PATH = '/58/584/22783/';
const SUBMISSION = submissionIdFor(CAMPAIGN, UNIT);
const AT = '2026-02-03T04:05:06.000Z';
const REASON = 'Bảng chuyển trạng thái: lý do bắt buộc';

interface Player {
  username: string;
  role: Role;
  path: string;
}

const PLAYERS: readonly Player[] = [
  { username: 'admin', role: 'admin', path: '/58/' },
  { username: 'province', role: 'province_admin', path: '/58/' },
  // Bác Ái, the commune's district; Phan Rang–Tháp Chàm, another district.
  { username: 'district-584', role: 'district_reviewer', path: '/58/584/' },
  { username: 'district-582', role: 'district_reviewer', path: '/58/582/' },
  { username: 'commune-22783', role: 'commune_officer', path: UNIT_PATH },
  // Phước Chính, a neighbour in the same district.
  { username: 'commune-22786', role: 'commune_officer', path: '/58/584/22786/' },
  { username: 'viewer', role: 'viewer', path: '/58/' },
];

/** The design's allowed cells, `status event player`, written out independently of can.ts. */
const DESIGN_ALLOWED = new Set([
  'draft submit commune-22783',
  'returned submit commune-22783',
  'submitted return district-584',
  'submitted approve district-584',
  'approved accept province',
  'approved sendBack province',
  'accepted reopen province',
  'approved withdraw district-584',
]);

/** Who takes each step when the test drives the submission to the status a cell needs. */
const DRIVER: Readonly<Record<WorkflowEvent, string>> = {
  submit: 'commune-22783',
  return: 'district-584',
  approve: 'district-584',
  accept: 'province',
  sendBack: 'province',
  reopen: 'province',
  withdraw: 'district-584',
};

type Expected = { allowed: true; next: SubmissionStatus } | { allowed: false; code: RejectionCode };

interface Cell {
  who: Player;
  status: SubmissionStatus;
  event: WorkflowEvent;
  expected: Expected;
}

/** The shortest chain of driver steps from one status to another; null if there is none. */
function pathBetween(from: SubmissionStatus, to: SubmissionStatus): WorkflowEvent[] | null {
  const queue: { status: SubmissionStatus; steps: WorkflowEvent[] }[] = [
    { status: from, steps: [] },
  ];
  const seen = new Set<SubmissionStatus>([from]);
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (item.status === to) return item.steps;
    for (const event of WORKFLOW_EVENTS) {
      const next = nextStatus(item.status, event);
      if (next === null || seen.has(next)) continue;
      seen.add(next);
      queue.push({ status: next, steps: [...item.steps, event] });
    }
  }
  return null;
}

describe.each(BACKENDS)('the transition table on %s', (backend) => {
  let server: TestServer;
  const nextId = seededIds(9009);
  const actors = new Map<string, Actor>();
  const devices = new Map<string, TestDevice>();
  const db = () => server.context.database.db;

  const deviceOf = (username: string) => {
    const device = devices.get(username);
    if (!device) throw new Error(`no device for ${username}`);
    return device;
  };
  const actorOf = (username: string) => {
    const actor = actors.get(username);
    if (!actor) throw new Error(`no actor for ${username}`);
    return actor;
  };

  async function statusNow(): Promise<SubmissionStatus | null> {
    const row = await db()
      .selectFrom('records')
      .select('data')
      .where('collection', '=', 'submission')
      .where('id', '=', SUBMISSION)
      .executeTakeFirst();
    return row
      ? SubmissionStatus.parse((JSON.parse(row.data) as { status: unknown }).status)
      : null;
  }

  async function head(): Promise<number> {
    const row = await db()
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'seq')
      .executeTakeFirst();
    return Number(row?.value ?? 0);
  }

  function transition(event: WorkflowEvent): Mutation {
    return {
      id: nextId(),
      at: AT,
      type: 'submission.transition',
      submissionId: SUBMISSION,
      event,
      ...(requiresReason(event) ? { reason: REASON } : {}),
    };
  }

  /** Takes the submission to `status` through the real workflow, each step by its own account. */
  async function driveTo(status: SubmissionStatus): Promise<void> {
    const from = await statusNow();
    if (from === null) throw new Error('the submission was never created');
    const steps = pathBetween(from, status);
    if (steps === null) throw new Error(`no workflow path from ${from} to ${status}`);
    for (const event of steps) {
      const mutation = transition(event);
      const response = await deviceOf(DRIVER[event]).sync([mutation]);
      if (!response.acks.includes(mutation.id))
        throw new Error(`driving ${from} → ${status}: ${event} refused`);
    }
  }

  function expectationFor(who: Player, status: SubmissionStatus, event: WorkflowEvent): Expected {
    const why = explain(actorOf(who.username), `submission.${event}`, {
      orgPath: UNIT_PATH,
      status,
      campaignStatus: 'open',
    });
    const next = nextStatus(status, event);
    if (!why.allowed) return { allowed: false, code: why.code };
    if (next === null) throw new Error(`explain allows ${event} from ${status}, the machine not`);
    return { allowed: true, next };
  }

  /** Every cell; within a status the refused ones first, so an allowed step moves it last. */
  function table(): Cell[] {
    return SUBMISSION_STATUSES.flatMap((status) =>
      PLAYERS.flatMap((who) =>
        WORKFLOW_EVENTS.map((event) => ({
          who,
          status,
          event,
          expected: expectationFor(who, status, event),
        })),
      ).sort((a, b) => Number(a.expected.allowed) - Number(b.expected.allowed)),
    );
  }

  /** Pushes one cell and says what disagreed with the expectation, if anything. */
  async function runCell({ who, status, event, expected }: Cell): Promise<string | null> {
    await driveTo(status);
    const label = `${who.username} ${event} on ${status}`;
    const headBefore = await head();
    const mutation = transition(event);
    const response = await deviceOf(who.username).sync([mutation]);
    const rejection = response.rejections.find((r) => r.mutationId === mutation.id);
    const acked = response.acks.includes(mutation.id);
    const after = await statusNow();
    if (expected.allowed) {
      if (!acked || rejection)
        return `${label}: allowed, server said ${rejection ? `${rejection.code}: ${rejection.message}` : 'nothing'}`;
      return after === expected.next
        ? null
        : `${label}: acked, status ${after}, not ${expected.next}`;
    }
    if (acked || !rejection) return `${label}: refused (${expected.code}), server acked it`;
    if (rejection.code !== expected.code)
      return `${label}: expected ${expected.code}, server said ${rejection.code}: ${rejection.message}`;
    if (after !== status) return `${label}: refused, yet the status is now ${after}`;
    const headAfter = await head();
    return headAfter === headBefore ? null : `${label}: refused, yet the change feed moved`;
  }

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const who of PLAYERS) {
      const login = await server.login(who.username);
      actors.set(who.username, {
        userId: login.user.id,
        role: login.user.role,
        orgPath: login.user.orgPath,
      });
      devices.set(who.username, new TestDevice(server.url, login.token, `tt-${who.username}`));
    }
  });
  afterAll(async () => server?.close());

  it('knows every player by the role and unit the table expects', () => {
    for (const who of PLAYERS)
      expect(actorOf(who.username)).toMatchObject({ role: who.role, orgPath: who.path });
  });

  it('expects what the design says, with allowed and refused cells for every role with a right', () => {
    const cells = table();
    expect(cells).toHaveLength(
      PLAYERS.length * SUBMISSION_STATUSES.length * WORKFLOW_EVENTS.length,
    );
    const allowed = cells.filter((cell) => cell.expected.allowed);
    expect(new Set(allowed.map((c) => `${c.status} ${c.event} ${c.who.username}`))).toEqual(
      DESIGN_ALLOWED,
    );
    for (const who of PLAYERS) {
      const own = cells.filter((cell) => cell.who === who);
      if (own.some((cell) => cell.expected.allowed))
        expect(
          own.some((cell) => !cell.expected.allowed),
          who.username,
        ).toBe(true);
    }
    // Each kind of refusal occurs: out of scope, wrong role or unit, wrong status.
    const codes = new Set(cells.flatMap((c) => (c.expected.allowed ? [] : [c.expected.code])));
    expect(codes).toEqual(new Set(['OUT_OF_SCOPE', 'FORBIDDEN', 'WORKFLOW_VIOLATION']));
  });

  it('answers every cell as explain() and nextStatus() say', async () => {
    // The commune answers everything (submit checks completeness): its submission, as a draft.
    const answers = answerAll(SUBMISSION, nextId, AT);
    const created = await deviceOf('commune-22783').sync(answers);
    expect(created.rejections).toEqual([]);
    expect(await statusNow()).toBe('draft');

    const failures: string[] = [];
    let pushed = 0;
    for (const cell of table()) {
      // Nothing leads back to draft: once a wrongly acked step has left it, the draft cells after
      // it cannot be set up. They are reported, not skipped, next to the cell that moved it.
      const failure = await runCell(cell).catch((error: unknown) => String(error));
      pushed += 1;
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
    expect(pushed).toBe(PLAYERS.length * SUBMISSION_STATUSES.length * WORKFLOW_EVENTS.length);
  });
});
