// @vitest-environment node
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBackup, relayProgress } from '../../src/app/features/backup';
import { answerIdFor, submissionIdFor } from '../../src/shared/protocol/record-ids';
import { verifyAuditChain } from '../../sync-server/services/audit';
import { allIndicators } from '../helpers/answers';
import {
  editedFile,
  exportFile,
  offlineWork,
  signedInPhone,
  uploaderFor,
  type Phone,
} from '../helpers/relay';
import { seededIds } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Issue 9 §6, the mountain commune: its phone never reaches the server; its backup goes to the
 * district, whose phone sends the commune's signed changes and photos on its behalf. The server
 * must hold everything once, as the officer's work, with the district named as the carrier — and
 * the commune's own sync, later, must find it all done.
 */
describe.each(BACKENDS)('signed relay through the district (%s)', (backend) => {
  let server: TestServer;
  const phones: Phone[] = [];
  const nextId = seededIds(9_0601);

  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(async () => {
    for (const phone of phones) await phone.device.close();
    await server?.close();
  });

  const db = () => server.context.database.db;
  const serverRecord = async (collection: string, id: string) => {
    const row = await db()
      .selectFrom('records')
      .select('data')
      .where('collection', '=', collection)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
  };
  const countOf = async (table: 'records' | 'audit_events' | 'applied_mutations' | 'blobs') =>
    Number(
      (await db().selectFrom(table).select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    );

  it('delivers a never-synced commune’s answers and photos once, as the officer’s, naming the relayer', async () => {
    const submission = submissionIdFor('cds-2025', '22783');
    const commune = await signedInPhone(server, 'commune-22783', phones);
    const work = await offlineWork(commune, submission, nextId, 1);
    const file = await exportFile(commune);

    const district = await signedInPhone(server, 'district-584', phones);
    const report = await importBackup(district.device.db, district.session, file);
    expect(report.relay).toEqual({ queued: 28, unsigned: 0, author: 'commune-22783' });
    expect(await district.device.pendingCount()).toBe(28);
    expect(await district.device.engine.sync()).toMatchObject({ ok: true, acked: 28, rejected: 0 });
    const uploads = await uploaderFor(server, district.device).uploadPending();
    expect(uploads.map((upload) => upload.ok)).toEqual([true, true]);

    // Every answer is the officer's, as if their phone had sent it.
    const officerId = commune.session.user.id;
    for (const indicator of allIndicators) {
      const answer = await serverRecord('answer', answerIdFor(submission, indicator.id));
      expect(answer).toMatchObject({ updatedBy: officerId });
    }
    const ids = work.mutations.map((mutation) => mutation.id);
    const applied = await db()
      .selectFrom('applied_mutations')
      .select(['id', 'user_id', 'relayed_by'])
      .where('id', 'in', ids)
      .execute();
    expect(applied).toHaveLength(28);
    for (const row of applied)
      expect(row).toMatchObject({ user_id: officerId, relayed_by: district.session.user.id });
    const audits = await db()
      .selectFrom('audit_events')
      .select(['actor', 'data'])
      .where('action', 'like', 'sync.%')
      .execute();
    const relayed = audits.filter((event) => event.data.includes(district.session.user.id));
    expect(relayed).toHaveLength(28);
    for (const event of relayed) {
      expect(event.actor).toBe(officerId);
      expect(JSON.parse(event.data)).toMatchObject({ relayedBy: district.session.user.id });
    }
    // The district may fetch the photos it carried, byte for byte.
    for (const photo of work.photos) {
      const download = await fetch(`${server.url}/api/blobs/${sha256(photo)}`, {
        headers: { authorization: `Bearer ${district.device.token}` },
      });
      expect(download.status).toBe(200);
      expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(photo));
    }

    // Weeks later the commune finds signal: all of it is already there.
    const before = {
      records: await countOf('records'),
      audit: await countOf('audit_events'),
      applied: await countOf('applied_mutations'),
      blobs: await countOf('blobs'),
    };
    expect(await commune.device.engine.sync()).toMatchObject({ ok: true, acked: 28, rejected: 0 });
    expect(await commune.device.pendingCount()).toBe(0);
    expect(await commune.device.db.outbox.count()).toBe(0);
    const own = await uploaderFor(server, commune.device).uploadPending();
    expect(own.map((upload) => upload.ok)).toEqual([true, true]);
    expect({
      records: await countOf('records'),
      audit: await countOf('audit_events'),
      applied: await countOf('applied_mutations'),
      blobs: await countOf('blobs'),
    }).toEqual(before);
    const evidence = await db()
      .selectFrom('records')
      .select('id')
      .where('collection', '=', 'evidence')
      .where('org_path', '=', '/58/584/22783/')
      .execute();
    expect(evidence).toHaveLength(2);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('refuses the one hand-edited answer as SIGNATURE_INVALID and delivers the rest', async () => {
    const submission = submissionIdFor('cds-2025', '22786');
    const commune = await signedInPhone(server, 'commune-22786', phones);
    const work = await offlineWork(commune, submission, nextId, 2);
    const genuine = work.mutations.find(
      (mutation) => mutation.type === 'answer.set' && mutation.indicatorId === '1.2',
    );
    if (genuine?.type !== 'answer.set') throw new Error('no answer to 1.2');
    const tampered = editedFile(await exportFile(commune), (entries) => {
      const entry = entries.find((candidate) => candidate.mutationId === genuine.id);
      if (!entry?.mutation.fields) throw new Error('entry not in the file');
      entry.mutation.fields.value = 0;
    });

    const district = await signedInPhone(server, 'district-584', phones);
    await importBackup(district.device.db, district.session, tampered);
    expect(await district.device.engine.sync()).toMatchObject({ ok: true, acked: 27, rejected: 1 });
    expect(await relayProgress(district.device.db)).toEqual([
      { username: 'commune-22786', pending: 0, refused: { SIGNATURE_INVALID: 1 } },
    ]);
    const refused = await district.device.db.outbox.toArray();
    expect(refused).toMatchObject([
      { mutationId: genuine.id, state: 'rejected', rejection: { code: 'SIGNATURE_INVALID' } },
    ]);
    const answerId = answerIdFor(submission, '1.2');
    expect(await serverRecord('answer', answerId)).toBeUndefined();
    // The forgery did not take the id: the officer's own phone delivers the genuine answer.
    expect(await commune.device.engine.sync()).toMatchObject({ ok: true, acked: 28, rejected: 0 });
    expect(await serverRecord('answer', answerId)).toMatchObject({
      value: genuine.fields.value,
      updatedBy: commune.session.user.id,
    });
  });
});
