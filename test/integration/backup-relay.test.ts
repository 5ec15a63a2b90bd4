// @vitest-environment node
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/app/features/auth/session';
import { exportBackup, importBackup } from '../../src/app/features/backup';
import { BlobUploader } from '../../src/app/sync/uploader';
import { answerIdFor, submissionIdFor } from '../../src/shared/protocol/record-ids';
import { answerAll } from '../helpers/answers';
import { makeJpeg } from '../helpers/blobs';
import { ClientDevice } from '../helpers/client-device';
import { addLocalEvidence, nodeSource } from '../helpers/local-evidence';
import { seededIds } from '../helpers/sync-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SUBMISSION = submissionIdFor('cds-2025', '22783');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The mountain-commune relay: phone A works for weeks without signal, its backup travels on a USB
 * stick to phone B (same officer), B sends everything; later A finds signal and sends its own
 * outbox too. The server must end up with everything exactly once.
 */
describe('a backup carried from an offline phone to another', () => {
  let server: TestServer;
  const devices: ClientDevice[] = [];
  const nextId = seededIds(2026);

  async function phone(): Promise<{ device: ClientDevice; session: Session }> {
    const login = await server.login('commune-22783');
    const device = new ClientDevice(server.url, login.token, login.user.id);
    devices.push(device);
    return { device, session: { ...login, signedInAt: new Date().toISOString() } };
  }

  const uploader = (device: ClientDevice) =>
    new BlobUploader(device.db, {
      baseUrl: server.url,
      getToken: () => device.token,
      toSource: nodeSource,
      retryDelays: null,
    });

  const serverRecord = async (collection: string, id: string) => {
    const row = await server.context.database.db
      .selectFrom('records')
      .select('data')
      .where('collection', '=', collection)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
  };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    for (const device of devices) await device.close();
    await server?.close();
  });

  it('delivers every answer and the photo once, whichever phone sends first', async () => {
    const a = await phone();
    const answers = answerAll(SUBMISSION, nextId).slice(0, 6);
    for (const mutation of answers) await a.device.enqueue(mutation);
    const photo = makeJpeg(1200, 900, { scanBytes: 120_000 });
    const evidence = await addLocalEvidence(a.device, {
      id: nextId(),
      mutationId: nextId(),
      submissionId: SUBMISSION,
      indicatorId: '1.1',
      bytes: photo,
      caption: 'Ảnh biên bản',
    });
    const file = await exportBackup(a.device.db, a.session);
    expect(file.counts).toMatchObject({ mutations: 7, blobs: 1, bytes: photo.length });

    const b = await phone();
    const report = await importBackup(b.device.db, b.session, file.blob);
    expect(report.mutations).toEqual({ queued: 7, alreadyKnown: 0, notQueued: 0, rejected: 0 });
    expect(report.blobs).toEqual({ added: 1, alreadyKnown: 0 });
    expect(await b.device.engine.sync()).toMatchObject({ ok: true, acked: 7, rejected: 0 });
    expect(await uploader(b.device).uploadPending()).toEqual([{ sha256: sha256(photo), ok: true }]);

    for (const mutation of answers) {
      if (mutation.type !== 'answer.set') throw new Error('answers only');
      expect(
        await serverRecord('answer', answerIdFor(SUBMISSION, mutation.indicatorId)),
      ).toMatchObject({ value: mutation.fields.value });
    }
    expect(await serverRecord('evidence', evidence.evidence.id)).toMatchObject({
      sha256: sha256(photo),
      caption: 'Ảnh biên bản',
    });
    const download = await fetch(`${server.url}/api/blobs/${sha256(photo)}`, {
      headers: { authorization: `Bearer ${b.device.token}` },
    });
    expect(download.status).toBe(200);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(photo));

    // Weeks later phone A finds signal: its own outbox replays as no-ops, its photo is already there.
    expect(await a.device.engine.sync()).toMatchObject({ ok: true, acked: 7, rejected: 0 });
    expect(await a.device.pendingCount()).toBe(0);
    expect(await uploader(a.device).uploadPending()).toEqual([{ sha256: sha256(photo), ok: true }]);

    const ids = [...answers.map((mutation) => mutation.id), evidence.id];
    const applied = await server.context.database.db
      .selectFrom('applied_mutations')
      .select('id')
      .where('id', 'in', ids)
      .execute();
    expect(applied.map((row) => row.id).sort()).toEqual([...ids].sort());
    const evidenceRows = await server.context.database.db
      .selectFrom('records')
      .select('id')
      .where('collection', '=', 'evidence')
      .execute();
    expect(evidenceRows).toEqual([{ id: evidence.evidence.id }]);
    // Both phones show the same work as the server.
    for (const device of [a.device, b.device])
      expect(await device.record('evidence', evidence.evidence.id)).toMatchObject({
        sha256: sha256(photo),
        deleted: false,
      });
  });
});
