// Workload W1 — one commune's year — measured on the wire: 1 submission, 26 answers (~150 bytes
// of fields each) and 20 evidence records each with a 300,000-byte photo. Bytes are counted by a
// proxy on 127.0.0.1 on the client's side of the link, headers included, both directions, and
// compared with a floor: gzip of the changed records' canonical JSON plus the raw photo bytes.
// The phone's IndexedDB, in Node: what is measured here is the wire, not the browser.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { BlobUploader } from '../src/app/sync/uploader';
import { canonicalJson } from '../src/shared/canonical-json';
import { answerIdFor, submissionIdFor } from '../src/shared/protocol/record-ids';
import type { Mutation } from '../src/shared/protocol/sync';
import { allIndicators, goodValue } from '../test/helpers/answers';
import { makeJpeg } from '../test/helpers/blobs';
import { ClientDevice } from '../test/helpers/client-device';
import { startCutProxy } from '../test/helpers/cut-proxy';
import { startFaultProxy, type FaultProxy } from '../test/helpers/fault-proxy';
import { addLocalEvidence, nodeSource } from '../test/helpers/local-evidence';
import { startServer } from '../test/helpers/server-process';
import { seededIds, TestDevice } from '../test/helpers/sync-client';

const PASSWORD = 'bench-password-2025';
const COMMUNE = '22783';
const SUBMISSION = submissionIdFor('cds-2025', COMMUNE);
const PHOTO_BYTES = 300_000;
const PHOTOS = 20;
const CHUNK_BYTES = 512 * 1024;

function photo(): Buffer {
  const header = makeJpeg(1600, 1200, { scanBytes: 0 }).length;
  const bytes = makeJpeg(1600, 1200, { scanBytes: PHOTO_BYTES - header });
  if (bytes.length !== PHOTO_BYTES) throw new Error(`fixture is ${bytes.length} bytes`);
  return bytes;
}

const floorOf = (records: unknown[], rawBytes = 0) =>
  gzipSync(canonicalJson(records), { level: 9 }).length + rawBytes;

async function login(url: string, username: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, deviceName: 'bench' }),
  });
  return (await response.json()) as { token: string; user: { id: string } };
}

async function measure(proxy: FaultProxy, work: () => Promise<unknown>) {
  proxy.resetStats();
  await work();
  // Let sockets settle so the last bytes are counted.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const { requests, bytesUp, bytesDown } = proxy.stats();
  return { requests, bytesUp, bytesDown };
}

export async function benchW1() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mc-bench-w1-'));
  const server = await startServer({
    dataDir,
    env: {
      MC_DEMO_PASSWORD: PASSWORD,
      PASSWORD_HASH_COST: '10',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_PER_MINUTE: '1000',
    },
    requireBuiltApp: false,
  });
  const proxy = await startFaultProxy(server.url);
  const cut = await startCutProxy(server.port);
  const session = await login(server.url, `commune-${COMMUNE}`);
  const device = new ClientDevice(proxy.url, session.token, session.user.id);
  const uploader = new BlobUploader(device.db, {
    baseUrl: proxy.url,
    getToken: () => device.token,
    chunkSize: CHUNK_BYTES,
    toSource: nodeSource,
    retryDelays: null,
  });
  const nextId = seededIds(2025);
  const at = '2026-10-01T08:00:00.000Z';
  try {
    // initialPush: everything, from an empty phone.
    const note = 'Theo báo cáo của UBND xã, số liệu đến 30/9/2025';
    for (const indicator of allIndicators) {
      await device.enqueue({
        id: nextId(),
        at,
        type: 'answer.set',
        submissionId: SUBMISSION,
        indicatorId: indicator.id,
        fields: { value: goodValue(indicator), note },
      });
    }
    for (let i = 0; i < PHOTOS; i += 1) {
      const indicator = allIndicators[i % allIndicators.length] as { id: string };
      await addLocalEvidence(device, {
        id: nextId(),
        mutationId: nextId(),
        submissionId: SUBMISSION,
        indicatorId: indicator.id,
        bytes: photo(),
        caption: `Ảnh minh chứng ${i + 1}`,
        at,
      });
    }
    const changed = (await device.db.records.toArray())
      .filter((record) => record.collection === 'answer' || record.collection === 'evidence')
      .map((record) => record.fields);
    const answerFieldBytes = Math.round(
      changed
        .filter((fields) => 'indicatorId' in fields && !('sha256' in fields))
        .reduce((sum, fields) => sum + canonicalJson(fields).length, 0) / allIndicators.length,
    );
    const initialPush = {
      ...(await measure(proxy, async () => {
        const result = await device.engine.sync();
        if (!result.ok) throw result.error;
        const uploads = await uploader.uploadPending();
        if (uploads.some((upload) => !upload.ok))
          throw new Error(`upload failed: ${JSON.stringify(uploads)}`);
      })),
      floorBytes: floorOf(changed, PHOTOS * PHOTO_BYTES),
    };

    // edit3: three answers changed.
    const edits: Mutation[] = allIndicators.slice(0, 3).map((indicator) => ({
      id: nextId(),
      at,
      type: 'answer.set',
      submissionId: SUBMISSION,
      indicatorId: indicator.id,
      fields: { note: `${note} (đã cập nhật)` },
    }));
    for (const edit of edits) await device.enqueue(edit);
    const edit3 = {
      ...(await measure(proxy, () => device.engine.sync())),
      floorBytes: floorOf(
        edits.map((edit) =>
          edit.type === 'answer.set'
            ? { id: answerIdFor(edit.submissionId, edit.indicatorId), ...edit.fields }
            : {},
        ),
      ),
    };

    // noop: nothing changed anywhere.
    const noop = { ...(await measure(proxy, () => device.engine.sync())), floorBytes: 0 };

    // reviewerPull: the district returns the submission with a reason (2 records change on the
    // server: the submission's status and one review), and the phone pulls them back.
    await device.enqueue({
      id: nextId(),
      at,
      type: 'submission.transition',
      submissionId: SUBMISSION,
      event: 'submit',
    });
    await device.engine.sync();
    const reviewer = new TestDevice(
      server.url,
      (await login(server.url, 'district-584')).token,
      'bench-reviewer-01',
    );
    const decision = await reviewer.sync([
      {
        id: nextId(),
        at,
        type: 'submission.transition',
        submissionId: SUBMISSION,
        event: 'return',
        indicatorReasons: [{ indicatorId: '1.2', reason: 'Thiếu biên bản họp quý IV' }],
      },
    ]);
    if (decision.rejections.length > 0) throw new Error(JSON.stringify(decision.rejections));
    // The records that changed, as the reviewer's own answer delivered them (server-made fields).
    const returned = decision.changes.filter(
      (change) => change.collection === 'review' || change.id === SUBMISSION,
    );
    let pulledChanges = 0;
    const reviewerPull = {
      ...(await measure(proxy, async () => {
        const result = await device.engine.sync();
        if (result.ok) pulledChanges = result.pulled;
      })),
      floorBytes: floorOf(returned.map((change) => ({ id: change.id, ...change.fields }))),
    };
    const reviewerPullChanges = pulledChanges;

    // cutResume: a new 300 KB photo; the connection is cut once 50 % of its bytes are up.
    const extra = photo();
    await addLocalEvidence(device, {
      id: nextId(),
      mutationId: nextId(),
      submissionId: SUBMISSION,
      indicatorId: '1.2',
      bytes: extra,
      caption: 'Biên bản họp quý IV',
      at,
    });
    await device.engine.sync();
    const cutUploader = new BlobUploader(device.db, {
      baseUrl: cut.url,
      getToken: () => device.token,
      chunkSize: CHUNK_BYTES,
      toSource: nodeSource,
      retryDelays: null,
    });
    const before = cut.bodyBytes('PATCH');
    cut.cutAfter('PATCH', PHOTO_BYTES / 2);
    const first = await cutUploader.uploadPending();
    const second = await cutUploader.uploadPending();
    if (first[0]?.ok !== false || second[0]?.ok !== true)
      throw new Error(`cut/resume did not happen as planned: ${JSON.stringify([first, second])}`);
    const cutResume = {
      resentBytes: cut.bodyBytes('PATCH') - before - PHOTO_BYTES,
      chunkBytes: CHUNK_BYTES,
      photoBytes: PHOTO_BYTES,
    };

    const total = (phase: { bytesUp: number; bytesDown: number }) =>
      phase.bytesUp + phase.bytesDown;
    const budgets = {
      initialPushWithin105PercentOfFloor: total(initialPush) <= 1.05 * initialPush.floorBytes,
      edit3OneRequest: edit3.requests === 1,
      edit3Within1500Bytes: total(edit3) <= 1500,
      noopOneRequest: noop.requests === 1,
      reviewerPullOneRequest: reviewerPull.requests === 1,
      resentAtMostOneChunk: cutResume.resentBytes <= cutResume.chunkBytes,
    };
    return {
      workload: {
        answers: allIndicators.length,
        answerFieldBytesAvg: answerFieldBytes,
        evidence: PHOTOS,
        photoBytes: PHOTO_BYTES,
        chunkBytes: CHUNK_BYTES,
      },
      initialPush: {
        ...initialPush,
        totalOverFloor: Math.round((total(initialPush) / initialPush.floorBytes) * 10_000) / 10_000,
      },
      edit3,
      noop,
      reviewerPull: { ...reviewerPull, changesPulled: reviewerPullChanges },
      cutResume,
      budgets,
    };
  } finally {
    await device.close();
    await cut.close();
    await proxy.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
