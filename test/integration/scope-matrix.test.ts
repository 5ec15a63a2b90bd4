// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { can, explain, type Action, type Actor } from '../../src/shared/permissions/can';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type {
  Change,
  Mutation,
  Rejection,
  RejectionCode,
  SyncResponse,
} from '../../src/shared/protocol/sync';
import { SubmissionStatus } from '../../src/shared/schemas/submission';
import type { Role } from '../../src/shared/schemas/user';
import { nextStatus, type WorkflowEvent } from '../../src/shared/workflow/state-machine';
import { allIndicators, answerAll, goodValue } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The scope matrix: every role reads and writes inside and outside its subtree, and nothing
 * leaks. The expectations are computed here, independently of the server: visibility with plain
 * string prefixes over the `records` table, write outcomes with the shared `can`/`explain`
 * applied to the live status of the target right before each push.
 */

const CAMPAIGN = 'cds-2025';
const AT = '2026-02-03T04:05:06.000Z';
const REASON = 'Kiểm tra phạm vi: lý do bắt buộc';

interface Player {
  username: string;
  role: Role;
  /** The path of the account's unit, written out here rather than taken from the server. */
  path: string;
}

/** Every role, at every level, including two reviewers and two officers in different districts. */
const PLAYERS: readonly Player[] = [
  { username: 'admin', role: 'admin', path: '/58/' },
  { username: 'province', role: 'province_admin', path: '/58/' },
  { username: 'viewer', role: 'viewer', path: '/58/' },
  { username: 'district-584', role: 'district_reviewer', path: '/58/584/' },
  { username: 'district-582', role: 'district_reviewer', path: '/58/582/' },
  { username: 'commune-22783', role: 'commune_officer', path: '/58/584/22783/' },
  { username: 'commune-22738', role: 'commune_officer', path: '/58/582/22738/' },
];

interface TargetUnit {
  code: string;
  path: string;
  /** Whether the owners create a submission with answers and evidence in the setup. */
  started: boolean;
}

/** Phước Bình and Phước Chính (Bác Ái, 584), Đô Vinh and Phước Mỹ (Phan Rang–Tháp Chàm, 582). */
const TARGETS: readonly TargetUnit[] = [
  { code: '22783', path: '/58/584/22783/', started: true }, // officer is a player
  { code: '22786', path: '/58/584/22786/', started: true }, // submitted in the setup by its officer
  { code: '22738', path: '/58/582/22738/', started: true }, // officer is a player
  { code: '22741', path: '/58/582/22741/', started: false }, // never started: NOT_FOUND cases
];

/** Owned by a unit above the reader, yet needed by it: the reader's ancestors' reference data. */
const VISIBLE_FROM_BELOW = new Set(['org_unit', 'template', 'campaign']);

/** Independent of the server's SQL: a prefix test on materialised paths. A viewer reads results,
 * never the work itself: of its subtree it gets only the reference data. */
function visibleTo(
  reader: { path: string; role: string },
  collection: string,
  orgPath: string,
): boolean {
  const readerPath = reader.path;
  if (reader.role === 'viewer' && !VISIBLE_FROM_BELOW.has(collection)) return false;
  if (orgPath.startsWith(readerPath)) return true;
  return VISIBLE_FROM_BELOW.has(collection) && readerPath.startsWith(orgPath);
}

type Step =
  | {
      type:
        'answer.set' | 'evidence.add' | 'evidence.update' | 'evidence.delete' | 'review.comment';
    }
  | { type: 'submission.transition'; event: WorkflowEvent };

const stepLabel = (step: Step) =>
  step.type === 'submission.transition' ? `transition:${step.event}` : step.type;

const PROBES: readonly Step[] = [
  { type: 'answer.set' },
  { type: 'evidence.add' },
  { type: 'evidence.update' },
  { type: 'evidence.delete' },
  { type: 'review.comment' },
];

/** The workflow steps in an order that walks every status; each is tried by every player on
 * every target, and the non-transition probes run again after each of them. */
const STAGES: readonly WorkflowEvent[] = [
  'submit',
  'return',
  'submit',
  'approve',
  'sendBack',
  'approve',
  'accept',
  'reopen',
];

type Expected = { allowed: true } | { allowed: false; code: RejectionCode };

interface RecordRowLite {
  collection: string;
  id: string;
  org_path: string;
  seq: number;
  data: string;
  fmeta: string;
}

const keyOf = (collection: string, id: string) => `${collection}:${id}`;

describe.each(BACKENDS)('scope matrix on %s', (backend) => {
  let server: TestServer;
  const nextId = seededIds(4242);
  const tokens = new Map<string, string>();
  const actors = new Map<string, Actor>();
  const devices = new Map<string, TestDevice>();
  /** Evidence per started target: one the matrix updates, one it deletes. */
  const primaryEvidence = new Map<string, string>();
  const secondaryEvidence = new Map<string, string>();
  const pathCache = new Map<string, string>();
  let shaCounter = 0;
  let valueCounter = 0;

  const db = () => server.context.database.db;
  const submissionOf = (target: TargetUnit) => submissionIdFor(CAMPAIGN, target.code);
  const deviceIdOf = (username: string) => `mx-${username}`;

  async function allRows(): Promise<RecordRowLite[]> {
    const rows = await db()
      .selectFrom('records')
      .select(['collection', 'id', 'org_path', 'seq', 'data', 'fmeta'])
      .execute();
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  async function head(): Promise<number> {
    const row = await db()
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'seq')
      .executeTakeFirst();
    return Number(row?.value ?? 0);
  }

  /** Every record of a unit with its seq: a refused mutation must leave all of them alone. */
  async function seqsAt(path: string): Promise<Record<string, number>> {
    const rows = await db()
      .selectFrom('records')
      .select(['collection', 'id', 'seq'])
      .where('org_path', '=', path)
      .execute();
    return Object.fromEntries(rows.map((row) => [keyOf(row.collection, row.id), Number(row.seq)]));
  }

  async function recordData(
    collection: string,
    id: string,
  ): Promise<Record<string, unknown> | null> {
    const row = await db()
      .selectFrom('records')
      .select('data')
      .where('collection', '=', collection)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (JSON.parse(row.data) as Record<string, unknown>) : null;
  }

  async function statusOf(target: TargetUnit): Promise<SubmissionStatus | null> {
    const data = await recordData('submission', submissionOf(target));
    return data ? SubmissionStatus.parse(data.status) : null;
  }

  async function orgPathOf(collection: string, id: string): Promise<string | null> {
    const key = keyOf(collection, id);
    const cached = pathCache.get(key);
    if (cached !== undefined) return cached;
    const row = await db()
      .selectFrom('records')
      .select('org_path')
      .where('collection', '=', collection)
      .where('id', '=', id)
      .executeTakeFirst();
    if (row) pathCache.set(key, row.org_path);
    return row?.org_path ?? null;
  }

  /** Records in a response (changes and rejection `current`s) the player must not see. */
  async function leaksIn(player: Player, response: SyncResponse): Promise<string[]> {
    const seen: { collection: string; id: string; via: string }[] = [
      ...response.changes.map((change) => ({ ...change, via: 'change' })),
      ...response.rejections.flatMap((rejection: Rejection) =>
        rejection.current
          ? [{ ...rejection.current, via: `rejection ${rejection.code} current` }]
          : [],
      ),
    ];
    const leaks: string[] = [];
    for (const item of seen) {
      const orgPath = await orgPathOf(item.collection, item.id);
      if (orgPath === null || !visibleTo(player, item.collection, orgPath))
        leaks.push(
          `${player.username} got ${keyOf(item.collection, item.id)} (${orgPath}) via ${item.via}`,
        );
    }
    return leaks;
  }

  function evidenceMutation(target: TargetUnit, id: string): Mutation {
    shaCounter += 1;
    return {
      id: nextId(),
      at: AT,
      type: 'evidence.add',
      evidence: {
        id,
        submissionId: submissionOf(target),
        indicatorId: '1.3',
        sha256: shaCounter.toString(16).padStart(64, 'c'),
        mime: 'image/jpeg',
        bytes: 1000 + shaCounter,
        caption: `Ảnh ${shaCounter}`,
      },
    };
  }

  function mutationFor(step: Step, target: TargetUnit): Mutation {
    const base = { id: nextId(), at: AT };
    const submissionId = submissionOf(target);
    switch (step.type) {
      case 'answer.set': {
        valueCounter += 1;
        const indicator = allIndicators[valueCounter % allIndicators.length];
        if (!indicator) throw new Error('the template has no indicators');
        return {
          ...base,
          type: 'answer.set',
          submissionId,
          indicatorId: indicator.id,
          fields: { value: goodValue(indicator), note: `Ghi chú ${valueCounter}` },
        };
      }
      case 'evidence.add':
        return evidenceMutation(target, nextId());
      case 'evidence.update':
        return {
          ...base,
          type: 'evidence.update',
          evidenceId: primaryEvidence.get(target.code) ?? `no-such-evidence-${target.code}`,
          fields: { caption: `Sửa chú thích ${base.id}` },
        };
      case 'evidence.delete':
        return {
          ...base,
          type: 'evidence.delete',
          evidenceId: secondaryEvidence.get(target.code) ?? `no-such-evidence-${target.code}`,
        };
      case 'review.comment':
        return { ...base, type: 'review.comment', submissionId, text: 'Nhận xét thử phạm vi' };
      case 'submission.transition':
        return {
          ...base,
          type: 'submission.transition',
          submissionId,
          event: step.event,
          reason: REASON,
        };
    }
  }

  /** What the shared permission function says, for the live state of the target. */
  function expectationFor(
    actor: Actor,
    step: Step,
    target: TargetUnit,
    status: SubmissionStatus | null,
    evidenceExists: boolean,
  ): Expected {
    const decide = (action: Action, current: SubmissionStatus): Expected => {
      const scope = { orgPath: target.path, status: current, campaignStatus: 'open' as const };
      const allowed = can(actor, action, scope);
      const why = explain(actor, action, scope);
      if (why.allowed !== allowed) throw new Error('can and explain disagree');
      return why.allowed ? { allowed: true } : { allowed: false, code: why.code };
    };
    switch (step.type) {
      case 'answer.set':
      case 'evidence.add': {
        const action = step.type === 'answer.set' ? 'answer.write' : 'evidence.write';
        if (status !== null) return decide(action, status);
        // The first answer or photo of a commune creates its submission, as a draft.
        const create = decide('submission.create', 'draft');
        return create.allowed ? decide(action, 'draft') : create;
      }
      case 'evidence.update':
      case 'evidence.delete':
        if (!evidenceExists || status === null) return { allowed: false, code: 'NOT_FOUND' };
        return decide('evidence.write', status);
      case 'review.comment':
        if (status === null) return { allowed: false, code: 'NOT_FOUND' };
        return decide('review.comment', status);
      case 'submission.transition':
        if (status === null) return { allowed: false, code: 'NOT_FOUND' };
        return decide(`submission.${step.event}`, status);
    }
  }

  const stats = {
    pushes: 0,
    acked: 0,
    cases: new Set<string>(),
    ackedKinds: new Set<string>(),
    codes: new Set<string>(),
    pulls: 0,
  };
  const failures: string[] = [];
  const leaks: string[] = [];

  function player(username: string): Player {
    const found = PLAYERS.find((candidate) => candidate.username === username);
    if (!found) throw new Error(`no player ${username}`);
    return found;
  }

  function deviceOf(username: string): TestDevice {
    const device = devices.get(username);
    if (!device) throw new Error(`no device for ${username}`);
    return device;
  }

  function actorOf(username: string): Actor {
    const actor = actors.get(username);
    if (!actor) throw new Error(`no actor for ${username}`);
    return actor;
  }

  /** One (player, step, target) push, checked against `can` on the live state. */
  async function runCase(who: Player, step: Step, target: TargetUnit): Promise<void> {
    const actor = actorOf(who.username);
    const status = await statusOf(target);
    const mutation = mutationFor(step, target);
    const evidenceId =
      mutation.type === 'evidence.update' || mutation.type === 'evidence.delete'
        ? mutation.evidenceId
        : null;
    const evidenceExists =
      evidenceId !== null && (await recordData('evidence', evidenceId)) !== null;
    const expected = expectationFor(actor, step, target, status, evidenceExists);
    const scope = target.path.startsWith(who.path) ? 'inside' : 'outside';
    const label = `${who.username} ${stepLabel(step)} on ${target.code} (${scope}, ${status ?? 'no submission'})`;
    stats.pushes += 1;
    stats.cases.add(`${who.role}|${who.path}|${stepLabel(step)}|${scope}`);

    const headBefore = await head();
    const rowsBefore = await seqsAt(target.path);
    const response = await deviceOf(who.username).sync([mutation]);
    leaks.push(...(await leaksIn(who, response)));

    const rejection = response.rejections.find((r) => r.mutationId === mutation.id);
    const acked = response.acks.includes(mutation.id);
    if (expected.allowed) {
      if (!acked || rejection) {
        failures.push(
          `${label}: can() allows it, server said ${rejection ? `${rejection.code}: ${rejection.message}` : 'nothing'}`,
        );
        return;
      }
      stats.acked += 1;
      stats.ackedKinds.add(stepLabel(step));
      if (step.type === 'submission.transition' && status !== null) {
        const after = await statusOf(target);
        if (after !== nextStatus(status, step.event))
          failures.push(`${label}: acked, but the status is now ${after}`);
      }
      return;
    }
    stats.codes.add(expected.code);
    if (acked || !rejection) {
      failures.push(`${label}: can() denies it (${expected.code}), server acked it`);
    } else if (rejection.code !== expected.code) {
      failures.push(
        `${label}: expected ${expected.code}, server said ${rejection.code}: ${rejection.message}`,
      );
    }
    const headAfter = await head();
    const rowsAfter = await seqsAt(target.path);
    if (headAfter !== headBefore)
      failures.push(`${label}: refused, yet the change head moved ${headBefore} → ${headAfter}`);
    if (JSON.stringify(rowsAfter) !== JSON.stringify(rowsBefore))
      failures.push(`${label}: refused, yet records of ${target.path} changed`);
  }

  async function runStep(step: Step): Promise<void> {
    for (const who of PLAYERS) for (const target of TARGETS) await runCase(who, step, target);
  }

  /** Pulls everything from cursor 0 and compares it with the expected set, record by record. */
  async function checkPull(who: Player, deviceId: string): Promise<void> {
    const token = tokens.get(who.username);
    if (!token) throw new Error(`no token for ${who.username}`);
    const device = new TestDevice(server.url, token, deviceId);
    const changes: Change[] = await device.pullAll();
    const rows = await allRows();
    stats.pulls += 1;

    // What the server should send: visible records, and of each only the fields another device
    // (or the server) wrote. A fresh device id filters nothing out.
    const expected = new Map<string, Record<string, unknown>>();
    for (const row of rows) {
      if (!visibleTo(who, row.collection, row.org_path)) continue;
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const fmeta = JSON.parse(row.fmeta) as Record<string, [number, string]>;
      const fields: Record<string, unknown> = {};
      for (const [field, [, origin]] of Object.entries(fmeta))
        if (origin !== deviceId) fields[field] = data[field];
      if (Object.keys(fields).length > 0) expected.set(keyOf(row.collection, row.id), fields);
    }
    const pathByKey = new Map(rows.map((row) => [keyOf(row.collection, row.id), row.org_path]));

    const got = new Map<string, Record<string, unknown>>();
    for (const change of changes) {
      const key = keyOf(change.collection, change.id);
      if (got.has(key)) failures.push(`${who.username} pull (${deviceId}): ${key} twice`);
      got.set(key, change.fields);
    }
    for (const key of got.keys())
      if (!expected.has(key))
        leaks.push(
          `${who.username} pull (${deviceId}) got ${key} at ${pathByKey.get(key) ?? '(no record)'}`,
        );
    const missing = [...expected.keys()].filter((key) => !got.has(key));
    if (missing.length > 0)
      failures.push(
        `${who.username} pull (${deviceId}) is missing ${missing.length}: ${missing.slice(0, 5).join(', ')}`,
      );
    for (const [key, fields] of got) {
      const want = expected.get(key);
      if (want && JSON.stringify(fields) !== JSON.stringify(want)) {
        // Key order may differ; compare structurally before calling it a failure.
        try {
          expect(fields).toEqual(want);
        } catch {
          failures.push(`${who.username} pull (${deviceId}): fields of ${key} differ`);
        }
      }
    }
  }

  const expectClean = () => {
    expect(leaks, 'records outside the reader’s scope').toEqual([]);
    expect(failures, 'cases where the server disagrees with the expectation').toEqual([]);
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const who of [...PLAYERS, { username: 'commune-22786' }]) {
      const login = await server.login(who.username);
      tokens.set(who.username, login.token);
      actors.set(who.username, {
        userId: login.user.id,
        role: login.user.role,
        orgPath: login.user.orgPath,
      });
      devices.set(who.username, new TestDevice(server.url, login.token, deviceIdOf(who.username)));
    }
  });
  afterAll(async () => server?.close());
  beforeEach(() => {
    // Each test reports its own findings.
    leaks.length = 0;
    failures.length = 0;
  });

  it('knows every player by the role and unit the test expects', () => {
    for (const who of PLAYERS)
      expect(actorOf(who.username)).toMatchObject({ role: who.role, orgPath: who.path });
  });

  it('lets the owners start three communes in two districts, one of them submitted', async () => {
    for (const target of TARGETS.filter((candidate) => candidate.started)) {
      const owner = `commune-${target.code}`;
      const submissionId = submissionOf(target);
      const primary = nextId();
      const secondary = nextId();
      primaryEvidence.set(target.code, primary);
      secondaryEvidence.set(target.code, secondary);
      const few = answerAll(submissionId, nextId, AT).slice(0, 3);
      const mutations: Mutation[] = [
        ...(target.code === '22786' ? answerAll(submissionId, nextId, AT) : few),
        evidenceMutation(target, primary),
        evidenceMutation(target, secondary),
        ...(target.code === '22786'
          ? [
              {
                id: nextId(),
                at: AT,
                type: 'submission.transition' as const,
                submissionId,
                event: 'submit' as const,
              },
            ]
          : []),
      ];
      const response = await deviceOf(owner).sync(mutations);
      expect(response.rejections).toEqual([]);
      expect(response.acks).toHaveLength(mutations.length);
    }
    expect(await statusOf(TARGETS[0] as TargetUnit)).toBe('draft');
    expect(await statusOf(TARGETS[1] as TargetUnit)).toBe('submitted');
    expect(await statusOf(TARGETS[2] as TargetUnit)).toBe('draft');
    expect(await statusOf(TARGETS[3] as TargetUnit)).toBeNull();
  });

  it('shows every role exactly its subtree (and its ancestors’ reference data) on a full pull', async () => {
    for (const who of PLAYERS) await checkPull(who, `fresh-${who.username}-1`);
    expectClean();
  });

  it('acks every write exactly when can() allows it and leaves refused targets untouched', async () => {
    const started = Date.now();
    for (const [index, event] of [null, ...STAGES].entries()) {
      for (const step of PROBES) await runStep(step);
      if (event === null) continue;
      if (index === 1) {
        // The owners complete their checklists so that "submit" can pass the completeness gate.
        for (const code of ['22783', '22738']) {
          const target = TARGETS.find((candidate) => candidate.code === code) as TargetUnit;
          const response = await deviceOf(`commune-${code}`).sync(
            answerAll(submissionOf(target), nextId, AT),
          );
          expect(response.rejections).toEqual([]);
        }
      }
      await runStep({ type: 'submission.transition', event });
    }
    for (const step of PROBES) await runStep(step);

    console.log(
      `scope matrix (${backend}): ${stats.cases.size} distinct (role, action, scope) cases in ` +
        `${stats.pushes} pushes (${stats.acked} acked, ${stats.pushes - stats.acked} refused), ` +
        `${leaks.length} leaks, ${failures.length} disagreements, ${Date.now() - started} ms`,
    );
    expectClean();
    // The walk really exercised both sides of every rule.
    expect([...stats.ackedKinds].sort()).toEqual(
      [...PROBES.map(stepLabel), ...STAGES.map((event) => `transition:${event}`)]
        .filter((label, i, all) => all.indexOf(label) === i)
        .sort(),
    );
    expect([...stats.codes].sort()).toEqual([
      'FORBIDDEN',
      'NOT_FOUND',
      'OUT_OF_SCOPE',
      'WORKFLOW_VIOLATION',
    ]);
    expect((await statusOf(TARGETS[0] as TargetUnit)) ?? 'none').toBe('returned');
  }, 120_000);

  it('still shows every role exactly its subtree after the whole workflow', async () => {
    for (const who of PLAYERS) await checkPull(who, `fresh-${who.username}-2`);
    expectClean();
  });

  it('gives a viewer the units, templates and campaigns and none of the communes’ work', async () => {
    const device = new TestDevice(server.url, tokens.get('viewer') ?? '', 'fresh-viewer-work');
    const collections = new Set((await device.pullAll()).map((change) => change.collection));
    expect([...collections].sort()).toEqual(['campaign', 'org_unit', 'template']);
  });

  it('does not widen what an actor sees when it borrows another device’s id', async () => {
    const borrowed = deviceIdOf('commune-22783');
    // Other district, sibling-less officer, and the province: each sees its own scope, and the
    // borrowed id only hides the fields that device wrote, never adds any.
    for (const username of ['district-582', 'commune-22738', 'district-584', 'province', 'viewer'])
      await checkPull(player(username), borrowed);
    // Pushing under the borrowed id changes nothing about the scope checks either.
    const target = TARGETS[0] as TargetUnit;
    const outsider = new TestDevice(
      server.url,
      tokens.get('district-582') ?? '',
      deviceIdOf('commune-22783'),
    );
    const before = await seqsAt(target.path);
    const refused = mutationFor({ type: 'answer.set' }, target);
    const response = await outsider.sync([refused]);
    expect(response.acks).toEqual([]);
    expect(response.rejections.map((r) => r.code)).toEqual(['OUT_OF_SCOPE']);
    expect(await seqsAt(target.path)).toEqual(before);
    // Replaying the refused mutation answers the same refusal, and still shows nothing.
    const again = await outsider.sync([refused]);
    expect(again.rejections.map((r) => r.code)).toEqual(['OUT_OF_SCOPE']);
    expect(await seqsAt(target.path)).toEqual(before);
    // Nor does replaying another user's mutation id.
    const theirs = mutationFor({ type: 'answer.set' }, target);
    expect((await deviceOf('commune-22783').sync([theirs])).acks).toEqual([theirs.id]);
    const replay = await outsider.sync([theirs]);
    expect(replay.acks).toEqual([]);
    expect(replay.rejections.map((r) => r.code)).toEqual(['CONFLICT']);
    leaks.push(...(await leaksIn(player('district-582'), response)));
    leaks.push(...(await leaksIn(player('district-582'), again)));
    leaks.push(...(await leaksIn(player('district-582'), replay)));
    expectClean();
  });
});
