// @vitest-environment node
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeviceKey, signMutation } from '../../src/app/features/auth/device-key';
import { importBackup } from '../../src/app/features/backup';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { Mutation, PROTOCOL_VERSION, type SyncResponse } from '../../src/shared/protocol/sync';
import { exportFile, offlineWork, relayedItems, signedInPhone, type Phone } from '../helpers/relay';
import { postSync, seededIds } from '../helpers/sync-client';
import { BACKENDS, DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';

/**
 * What the server refuses to carry, each with its typed code — and what it must not let a refusal
 * do: take the mutation id, so that the officer's genuine change could no longer arrive.
 */
describe.each(BACKENDS)('relays the server refuses (%s)', (backend) => {
  let server: TestServer;
  const phones: Phone[] = [];
  const nextId = seededIds(9_0602);
  let commune: Phone;
  let file: Uint8Array;
  let ids: string[];

  beforeAll(async () => {
    server = await startTestServer(backend);
    commune = await signedInPhone(server, 'commune-22789', phones);
    const work = await offlineWork(commune, submissionIdFor('cds-2025', '22789'), nextId, 3);
    ids = work.mutations.map((mutation) => mutation.id);
    file = await exportFile(commune);
  });
  afterAll(async () => {
    for (const phone of phones) await phone.device.close();
    await server?.close();
  });

  const db = () => server.context.database.db;
  // One sign-in per account: a sign-in is audited too, and the tests count audit events.
  const tokens = new Map<string, string>();
  const relayAs = async (username: string, items: unknown[], protocol = PROTOCOL_VERSION) => {
    const token = tokens.get(username) ?? (await server.login(username)).token;
    tokens.set(username, token);
    return postSync(server.url, token, {
      protocol,
      deviceId: `relay-${username}`,
      cursor: 0,
      mutations: items,
      limit: 1,
    });
  };
  const codes = (body: unknown) => (body as SyncResponse).rejections.map((r) => r.code);
  const appliedCount = async () =>
    (await db().selectFrom('applied_mutations').select('id').where('id', 'in', ids).execute())
      .length;
  const auditCount = async () =>
    Number(
      (
        await db()
          .selectFrom('audit_events')
          .select(db().fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a relayer outside the commune’s district, and another commune’s officer', async () => {
    for (const username of ['district-585', 'commune-22786']) {
      const answer = await relayAs(username, relayedItems(file));
      expect(answer.status).toBe(200);
      expect(codes(answer.body)).toEqual(ids.map(() => 'OUT_OF_SCOPE'));
      expect((answer.body as SyncResponse).acks).toEqual([]);
    }
    expect(await appliedCount()).toBe(0);
  });

  it('refuses an unknown key or author, and relayed entries in a protocol-1 request', async () => {
    const [first] = relayedItems(file);
    if (!first) throw new Error('empty file');
    const unknownKey = { ...first, author: { ...first.author, keyId: 'A'.repeat(22) } };
    const unknownAuthor = { ...first, author: { ...first.author, userId: 'no-such-user' } };
    const answer = await relayAs('district-584', [unknownKey]);
    expect(codes(answer.body)).toEqual(['SIGNER_UNKNOWN']);
    expect(codes((await relayAs('district-584', [unknownAuthor])).body)).toEqual([
      'SIGNER_UNKNOWN',
    ]);
    const old = await relayAs('district-584', [first], 1);
    expect(old).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { mutations: [{ index: 0 }] } } },
    });
    expect(await appliedCount()).toBe(0);
  });

  it('refuses a sign-in whose public key is not a P-256 ECDSA key', async () => {
    const p384 = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, [
      'sign',
    ]);
    const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', p384.publicKey));
    for (const publicKey of [spki.toString('base64url'), 'A'.repeat(120)]) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'commune-22789',
          password: DEMO_PASSWORD,
          deviceName: 'test',
          publicKey,
        }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
  });

  it('answers a relay replayed twice with the same acks and no duplicate', async () => {
    const first = await relayAs('district-584', relayedItems(file));
    expect(first.body).toMatchObject({ acks: ids, rejections: [] });
    const audits = await auditCount();
    const second = await relayAs('district-584', relayedItems(file));
    expect(second.body).toMatchObject({ acks: ids, rejections: [] });
    expect(await auditCount()).toBe(audits);
    expect(await appliedCount()).toBe(ids.length);
  });

  it('refuses a validly signed copy whose content differs from what was applied', async () => {
    // Only a faulty or dishonest device can sign two contents under one id: this one does.
    const key = await readDeviceKey(commune.device.db);
    const [first] = relayedItems(file);
    if (!key || first?.mutation.type !== 'answer.set') throw new Error('no key or no answer');
    const parsed = Mutation.parse({ ...first.mutation, fields: { value: false } });
    const resigned = { ...first, mutation: parsed, signature: await signMutation(key, parsed) };
    const audits = await auditCount();
    expect(codes((await relayAs('district-584', [resigned])).body)).toEqual(['REPLAY_MISMATCH']);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses what a revoked device signed, and still takes the officer’s own sync afterwards', async () => {
    const other = await signedInPhone(server, 'commune-22795', phones);
    const work = await offlineWork(other, submissionIdFor('cds-2025', '22795'), nextId, 4);
    const signed = await exportFile(other);
    // A stolen phone: the administrator resets the password, which revokes every device token.
    await server.context.auth.resetPassword('commune-22795', DEMO_PASSWORD);

    const district = await signedInPhone(server, 'district-584', phones);
    await importBackup(district.device.db, district.session, signed);
    expect(await district.device.engine.sync()).toMatchObject({
      ok: true,
      acked: 0,
      rejected: work.mutations.length,
    });
    const refused = await district.device.db.outbox.toArray();
    expect(new Set(refused.map((entry) => entry.rejection?.code))).toEqual(
      new Set(['SIGNER_REVOKED']),
    );
    // The officer signs in again on a new phone with the same work: nothing was taken by the
    // refused relay, so it all lands.
    const again = await signedInPhone(server, 'commune-22795', phones);
    await importBackup(again.device.db, again.session, signed);
    expect(await again.device.engine.sync()).toMatchObject({
      ok: true,
      acked: work.mutations.length,
      rejected: 0,
    });
  });
});
