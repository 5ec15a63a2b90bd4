// @vitest-environment node
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSubmissionId, submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { allIndicators, answerAll, goodValue } from '../helpers/answers';
import { ClientDevice } from '../helpers/client-device';
import { startFaultProxy, type Fault, type FaultProxy } from '../helpers/fault-proxy';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Twenty devices edit concurrently through a proxy that drops requests, drops answers after the
 * server applied them, cuts answers and requests mid-body, delays, and delivers requests twice.
 * After the network heals every device and the server must agree, with no mutation lost and
 * none applied twice.
 */
const SEED = 20261126;
const CYCLES = 320;
const WAVE = 5;

// 8 communes with two phones each (the same commune edited from two phones at once), 2 more
// communes with one phone, and the two district reviewers above them.
const COMMUNES_TWO_PHONES = [
  '22783',
  '22786',
  '22789',
  '22792',
  '22738',
  '22741',
  '22744',
  '22750',
];
const COMMUNES_ONE_PHONE = ['22795', '22759'];
const USERS = [
  ...COMMUNES_TWO_PHONES.flatMap((code) => [`commune-${code}`, `commune-${code}`]),
  ...COMMUNES_ONE_PHONE.map((code) => `commune-${code}`),
  'district-584',
  'district-582',
];

type Action =
  | { kind: 'answer'; indicator: number; variant: number }
  | { kind: 'note'; indicator: number; variant: number }
  | { kind: 'photo'; indicator: number }
  | { kind: 'deletePhoto'; pick: number }
  | { kind: 'invalidAnswer'; indicator: number; variant: number }
  | { kind: 'foreignAnswer'; commune: number; indicator: number }
  | { kind: 'submit' }
  | { kind: 'completeAndSubmit' }
  | { kind: 'review'; commune: number; approve: boolean };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      indicator: fc.nat(allIndicators.length - 1),
      variant: fc.nat(3),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('note' as const),
      indicator: fc.nat(allIndicators.length - 1),
      variant: fc.nat(5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('photo' as const),
      indicator: fc.nat(allIndicators.length - 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('deletePhoto' as const), pick: fc.nat(50) }),
  },
  // Refusals of every kind, so that convergence is proven for them too: a value the shared schema
  // refuses (an older build's form let it through), an edit of another commune's submission
  // (scope); answers after a submit and decisions on drafts give workflow refusals.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('invalidAnswer' as const),
      indicator: fc.nat(allIndicators.length - 1),
      variant: fc.nat(2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('foreignAnswer' as const),
      commune: fc.nat(9),
      indicator: fc.nat(allIndicators.length - 1),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'submit' as const }) },
  // A complete checklist sent for review: later edits of it are workflow refusals until it is
  // returned, and the reviewers have something to decide on.
  { weight: 1, arbitrary: fc.constant({ kind: 'completeAndSubmit' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('review' as const),
      commune: fc.nat(9),
      approve: fc.boolean(),
    }),
  },
);
const cycle = fc.record({
  device: fc.nat(USERS.length - 1),
  actions: fc.array(action, { maxLength: 3 }),
});
const scenario = fc.array(cycle, { minLength: CYCLES, maxLength: CYCLES });

function valueFor(indicatorIndex: number, variant: number): unknown {
  const indicator = allIndicators[indicatorIndex];
  if (!indicator) throw new Error('no indicator');
  const base = goodValue(indicator);
  switch (indicator.type) {
    case 'count':
      return variant;
    case 'ratio':
      return { numerator: variant, denominator: 3 };
    case 'percent':
      return variant * 25;
    case 'boolean':
      return variant % 2 === 0;
    case 'choice':
      return indicator.options[variant % indicator.options.length]?.value;
    default:
      return base;
  }
}

/** A value the server's schema refuses for this indicator, whatever its type. */
function invalidValueFor(indicatorIndex: number, variant: number): unknown {
  const indicator = allIndicators[indicatorIndex];
  if (!indicator) throw new Error('no indicator');
  const wrongType = variant === 0 ? 'không phải số' : { nested: true };
  switch (indicator.type) {
    case 'count':
      return [1e20, -1, 2.5][variant];
    case 'ratio':
      return [{ numerator: 5, denominator: 3 }, { numerator: 2.5, denominator: 10 }, 7][variant];
    case 'percent':
      return [150, -5, '90'][variant];
    case 'date':
      return ['2025-02-30', 20250101, ''][variant];
    case 'text':
      return variant === 2 ? 'x'.repeat(4001) : 42;
    default:
      return wrongType;
  }
}

function randomFault(proxy: FaultProxy): Fault {
  const roll = proxy.random();
  if (roll < 0.45) return { kind: 'pass' };
  if (roll < 0.55) return { kind: 'delay', ms: Math.floor(proxy.random() * 40) };
  if (roll < 0.63) return { kind: 'dropRequest' };
  if (roll < 0.75) return { kind: 'dropResponse' };
  if (roll < 0.85) return { kind: 'cutResponse', afterBytes: Math.floor(proxy.random() * 300) };
  if (roll < 0.9) return { kind: 'cutRequest', afterBytes: Math.floor(proxy.random() * 200) };
  return { kind: 'replay', times: 1 };
}

describe.each(BACKENDS)('chaos: %s', (backend) => {
  let server: TestServer;
  let proxy: FaultProxy;
  const devices: ClientDevice[] = [];
  const generated: Mutation[] = [];
  let coalesced = 0;

  beforeAll(async () => {
    server = await startTestServer(backend);
    proxy = await startFaultProxy(server.url, { seedLabel: `chaos-${SEED}` });
    for (const username of USERS) {
      const session = await server.login(username);
      devices.push(
        new ClientDevice(proxy.url, session.token, session.user.id, {
          timeoutMs: 5_000,
          batchSize: 20,
        }),
      );
    }
  });
  afterAll(async () => {
    for (const device of devices) await device.close();
    await proxy?.close();
    await server?.close();
  });

  it(
    `converges with zero lost and zero duplicated mutations after ${CYCLES} faulty cycles (seed ${SEED})`,
    { timeout: 120_000 },
    async () => {
      console.log(
        `chaos on ${backend}: fast-check seed ${SEED}, ${CYCLES} cycles, ${USERS.length} devices`,
      );
      const nextId = seededIds(SEED);
      const at = '2026-05-01T00:00:00.000Z';

      async function act(deviceIndex: number, step: Action) {
        const device = devices[deviceIndex] as ClientDevice;
        const username = USERS[deviceIndex] as string;
        const code = username.split('-')[1] as string;
        const own = submissionIdFor('cds-2025', code);
        const push = async (mutation: Mutation) => {
          await device.enqueue(mutation);
          // An edit folded into the previous unsent edit of the same answer has no entry of its
          // own; its fields travel with that one (and convergence below checks they arrived).
          if (await device.db.outbox.where('mutationId').equals(mutation.id).count())
            generated.push(mutation);
          else coalesced += 1;
        };
        if (username.startsWith('district-')) {
          if (step.kind !== 'review') return;
          const communes = [...COMMUNES_TWO_PHONES, ...COMMUNES_ONE_PHONE];
          const target = submissionIdFor(
            'cds-2025',
            communes[step.commune % communes.length] as string,
          );
          await push(
            step.approve
              ? {
                  id: nextId(),
                  at,
                  type: 'submission.transition',
                  submissionId: target,
                  event: 'approve',
                }
              : {
                  id: nextId(),
                  at,
                  type: 'submission.transition',
                  submissionId: target,
                  event: 'return',
                  reason: 'Bổ sung minh chứng',
                },
          );
          return;
        }
        const indicatorId = (i: number) => (allIndicators[i] as { id: string }).id;
        switch (step.kind) {
          case 'answer':
            return push({
              id: nextId(),
              at,
              type: 'answer.set',
              submissionId: own,
              indicatorId: indicatorId(step.indicator),
              fields: { value: valueFor(step.indicator, step.variant) },
            });
          case 'note':
            return push({
              id: nextId(),
              at,
              type: 'answer.set',
              submissionId: own,
              indicatorId: indicatorId(step.indicator),
              fields: { note: `ghi chú ${step.variant}` },
            });
          case 'photo': {
            const id = nextId();
            return push({
              id: nextId(),
              at,
              type: 'evidence.add',
              evidence: {
                id,
                submissionId: own,
                indicatorId: indicatorId(step.indicator),
                sha256: id
                  .toLowerCase()
                  .padEnd(64, '0')
                  .replace(/[^0-9a-f]/g, 'a')
                  .slice(0, 64),
                mime: 'image/jpeg',
                bytes: 300_000,
                caption: 'ảnh hiện trường',
              },
            });
          }
          case 'deletePhoto': {
            const photos = (
              await device.db.records.where('collection').equals('evidence').toArray()
            ).filter((record) => record.fields.deleted !== true);
            const victim = photos[step.pick % Math.max(photos.length, 1)];
            if (!victim) return;
            return push({ id: nextId(), at, type: 'evidence.delete', evidenceId: victim.id });
          }
          case 'invalidAnswer':
            return push({
              id: nextId(),
              at,
              type: 'answer.set',
              submissionId: own,
              indicatorId: indicatorId(step.indicator),
              fields: { value: invalidValueFor(step.indicator, step.variant) },
            });
          case 'foreignAnswer': {
            const communes = [...COMMUNES_TWO_PHONES, ...COMMUNES_ONE_PHONE];
            const other = communes.filter((candidate) => candidate !== code)[
              step.commune % (communes.length - 1)
            ] as string;
            return push({
              id: nextId(),
              at,
              type: 'answer.set',
              submissionId: submissionIdFor('cds-2025', other),
              indicatorId: indicatorId(step.indicator),
              fields: { value: valueFor(step.indicator, 1) },
            });
          }
          case 'completeAndSubmit':
            for (const mutation of answerAll(own, nextId, at)) await push(mutation);
            return push({
              id: nextId(),
              at,
              type: 'submission.transition',
              submissionId: own,
              event: 'submit',
            });
          case 'submit':
            return push({
              id: nextId(),
              at,
              type: 'submission.transition',
              submissionId: own,
              event: 'submit',
            });
          case 'review':
            return;
        }
      }

      await fc.assert(
        fc.asyncProperty(scenario, async (cycles) => {
          proxy.setPolicy(() => randomFault(proxy));
          for (let start = 0; start < cycles.length; start += WAVE) {
            const wave = cycles.slice(start, start + WAVE);
            // Devices in one wave run at the same time; the same device twice in a wave is fine
            // too (the engine is single-flight).
            await Promise.all(
              wave.map(async ({ device, actions }) => {
                for (const step of actions) await act(device, step);
                await (devices[device] as ClientDevice).engine.sync();
              }),
            );
          }
          const faults = proxy.stats().faults;
          console.log(`chaos on ${backend}: faults injected`, faults);

          // Heal the network: every device syncs until its outbox is empty, then once more so that
          // everyone has pulled everyone else's last writes.
          proxy.setPolicy(() => ({ kind: 'pass' }));
          for (let pass = 0; pass < 2; pass += 1) {
            for (const device of devices) {
              for (let attempt = 0; attempt < 10 && (await device.pendingCount()) > 0; attempt += 1)
                await device.engine.sync();
              const result = await device.engine.sync();
              expect(result.ok).toBe(true);
              expect(await device.pendingCount()).toBe(0);
            }
          }
          return true;
        }),
        { seed: SEED, numRuns: 1 },
      );

      // Zero lost: every mutation a device made reached the server and got a final answer.
      const db = server.context.database.db;
      const applied = new Map(
        (await db.selectFrom('applied_mutations').select(['id', 'outcome']).execute()).map(
          (row) => [row.id, JSON.parse(row.outcome) as { ok: boolean }],
        ),
      );
      const missing = generated.filter((mutation) => !applied.has(mutation.id));
      expect(missing).toEqual([]);
      const accepted = generated.filter((mutation) => applied.get(mutation.id)?.ok === true);
      // The scenario exercised refusals of each kind; convergence below holds for them too.
      const refusalCodes = new Map<string, number>();
      for (const device of devices)
        for (const entry of await device.db.outbox.where('state').equals('rejected').toArray()) {
          const refusal = entry.rejection?.code ?? 'none';
          refusalCodes.set(refusal, (refusalCodes.get(refusal) ?? 0) + 1);
        }
      console.log(`chaos on ${backend}: refusals by code`, Object.fromEntries(refusalCodes));
      for (const expected of ['VALIDATION_FAILED', 'WORKFLOW_VIOLATION', 'OUT_OF_SCOPE'])
        expect(refusalCodes.get(expected) ?? 0, expected).toBeGreaterThan(0);
      // Every refusal is on the device, with its reason, not dropped.
      let rejectedOnDevices = 0;
      for (const device of devices)
        rejectedOnDevices += await device.db.outbox.where('state').equals('rejected').count();
      expect(rejectedOnDevices).toBe(generated.length - accepted.length);

      // Zero duplicated: each accepted mutation applied exactly once (one audit event each), and
      // one evidence record per accepted photo.
      const auditRows = await db
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'like', 'sync.%')
        .execute();
      expect(auditRows.length).toBe(accepted.length);
      const evidenceRows = await db
        .selectFrom('records')
        .select('id')
        .where('collection', '=', 'evidence')
        .execute();
      expect(evidenceRows.length).toBe(
        accepted.filter((mutation) => mutation.type === 'evidence.add').length,
      );

      // Convergence: each device holds exactly the server's view of its scope.
      for (const [index, device] of devices.entries()) {
        const fresh = new TestDevice(server.url, device.token, `verify-${index}-${backend}`);
        const truth = new Map<string, Record<string, unknown>>();
        for (const change of await fresh.pullAll()) {
          const key = `${change.collection}:${change.id}`;
          truth.set(key, { ...(truth.get(key) ?? {}), ...change.fields });
        }
        const local = new Map(
          (await device.db.records.toArray()).map((record) => [
            `${record.collection}:${record.id}`,
            record.fields,
          ]),
        );
        expect(new Set(local.keys())).toEqual(new Set(truth.keys()));
        for (const [key, fields] of truth)
          expect(local.get(key), `${USERS[index]} ${key}`).toEqual(fields);
      }
      const submissions = [
        ...new Set(generated.flatMap((m) => ('submissionId' in m ? [m.submissionId] : []))),
      ];
      expect(submissions.every((id) => parseSubmissionId(id) !== null)).toBe(true);
      console.log(
        `chaos on ${backend}: ${generated.length} mutations, ${accepted.length} accepted, ${generated.length - accepted.length} refused by the rules, ${coalesced} edits folded into the previous one, 0 lost, 0 duplicated`,
      );
    },
  );
});
