// Workload W1 — one commune's year — measured on the wire: 1 submission, 26 answers (~150 bytes
// of fields each) and 20 evidence records, each a phone photo put through the app's own evidence
// path: processed in headless Chromium by the real pipeline (resized, re-encoded, EXIF stripped,
// thumbnail made), stored with storeProcessedEvidence, sent by the app's SyncController (sync
// engine, then the real tus uploader). Bytes are counted by a proxy on 127.0.0.1 on the client's
// side of the link, headers included, both directions. Photo bytes (processed photos and
// thumbnails) are reported apart from overhead bytes (everything else: metadata, headers, tus
// and HTTP framing), and the overhead is compared with the metadata floor: gzip of the changed
// records' canonical JSON.
// The phone's IndexedDB, in Node: what is measured here is the wire, not the browser.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { storeProcessedEvidence } from '../src/app/features/evidence/repository';
import type { ProcessedEvidence } from '../src/app/features/evidence/photo-pipeline';
import { SyncController, syncPhase } from '../src/app/sync/controller';
import { BlobUploader, DEFAULT_CHUNK_BYTES } from '../src/app/sync/uploader';
import { canonicalJson } from '../src/shared/canonical-json';
import { answerIdFor, submissionIdFor } from '../src/shared/protocol/record-ids';
import type { Mutation } from '../src/shared/protocol/sync';
import { allIndicators, goodValue } from '../test/helpers/answers';
import { openPhotoLab, renderPhoto } from '../test/fixtures/make-photos';
import { withExif } from '../test/fixtures/exif-writer';
import type { PipelineRun } from '../test/e2e/pages/photo-pipeline';
import { ClientDevice } from '../test/helpers/client-device';
import { startCutProxy, type CutProxy } from '../test/helpers/cut-proxy';
import { startFaultProxy, type FaultProxy } from '../test/helpers/fault-proxy';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { startServer } from '../test/helpers/server-process';
import { seededIds, TestDevice } from '../test/helpers/sync-client';

const PASSWORD = 'bench-password-2025';
const COMMUNE = '22783';
const SUBMISSION = submissionIdFor('cds-2025', COMMUNE);
const PHOTOS = 20;
const CHUNK_BYTES = DEFAULT_CHUNK_BYTES;

/** tus-js-client's Node build reads Buffers; the app stores Blobs. */
export const bufferSource = async (data: Blob | ArrayBuffer): Promise<Buffer> =>
  Buffer.from(data instanceof Blob ? await data.arrayBuffer() : data);

/**
 * `count + 1` distinct phone photos (3000×2250 JPEG with EXIF, a 7-megapixel camera), through
 * the app's photo pipeline in Chromium: what the app stores and uploads, thumbnails included.
 * Photos of different seeds differ: callers that need more distinct photos pass another seed.
 */
export async function processedPhotos(
  count: number,
  firstSeed = 100,
): Promise<ProcessedEvidence[]> {
  const lab = await openPhotoLab();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mc-w1-photos-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < count + 1; i += 1) {
      const jpeg = await renderPhoto(lab.page, {
        width: 3000,
        height: 2250,
        type: 'image/jpeg',
        quality: 0.92,
        seed: firstSeed + i,
        noise: 14,
      });
      const file = path.join(dir, `IMG_${i}.jpg`);
      writeFileSync(
        file,
        withExif(jpeg, { dateTimeOriginal: '2025:09:30 09:26:53', offsetTimeOriginal: '+07:00' }),
      );
      files.push(file);
    }
    await lab.page.setInputFiles('#files', files);
    const runs: PipelineRun[] = await lab.page.evaluate(async () => {
      if (!window.runPipeline) throw new Error('photo test page not ready');
      return window.runPipeline();
    });
    return runs.map((run) => {
      if (!run.ok || !run.thumbnail) throw new Error(`pipeline failed: ${JSON.stringify(run)}`);
      const bytes = Buffer.from(run.base64, 'base64');
      const thumb = Buffer.from(run.thumbnail.base64, 'base64');
      const processed: ProcessedEvidence = {
        bytes: new Blob([bytes], { type: 'image/jpeg' }),
        mime: 'image/jpeg',
        sha256: run.sha256,
        size: bytes.length,
        thumbnail: {
          bytes: new Blob([thumb], { type: 'image/jpeg' }),
          sha256: run.thumbnail.sha256,
          width: run.thumbnail.width,
          height: run.thumbnail.height,
        },
      };
      if (run.width !== undefined) processed.width = run.width;
      if (run.height !== undefined) processed.height = run.height;
      if (run.capturedAt !== undefined) processed.capturedAt = run.capturedAt;
      return processed;
    });
  } finally {
    await lab.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const payloadOf = (photos: ProcessedEvidence[]) =>
  photos.reduce((sum, p) => sum + p.size + (p.thumbnail?.bytes.size ?? 0), 0);

export const floorOf = (records: unknown[], rawBytes = 0) =>
  gzipSync(canonicalJson(records), { level: 9 }).length + rawBytes;

async function login(url: string, username: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, deviceName: 'bench' }),
  });
  return (await response.json()) as { token: string; user: { id: string } };
}

export async function measure(proxy: FaultProxy, work: () => Promise<unknown>) {
  proxy.resetStats();
  let blobRequests = 0;
  proxy.setPolicy(({ url }) => {
    if (url.startsWith('/api/blobs')) blobRequests += 1;
    return { kind: 'pass' };
  });
  await work();
  // Let sockets settle so the last bytes are counted.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const { requests, bytesUp, bytesDown } = proxy.stats();
  return { requests, blobRequests, bytesUp, bytesDown };
}

/** The first sync of a full phone, through the app's controller: photo bytes and overhead apart. */
async function measureInitialPush(
  proxy: FaultProxy,
  device: ClientDevice,
  photos: ProcessedEvidence[],
  metadataFloor: number,
) {
  const controller = new SyncController({
    db: device.db,
    baseUrl: proxy.url,
    getToken: () => device.token,
    uploader: { toSource: bufferSource },
  });
  const photoBytes = payloadOf(photos);
  const pushed = await measure(proxy, async () => {
    await controller.syncNow();
    const status = controller.getStatus();
    if (syncPhase(status).kind !== 'synced')
      throw new Error(`initial push did not finish: ${JSON.stringify(status)}`);
  });
  controller.stop();
  const overheadBytes = pushed.bytesUp + pushed.bytesDown - photoBytes;
  const initialPush = {
    requests: pushed.requests,
    bytesUp: pushed.bytesUp,
    bytesDown: pushed.bytesDown,
    /** Processed photos and their thumbnails: the bytes that must cross the link. */
    photoBytes,
    /** Everything else: metadata, HTTP and tus headers, framing, answers. */
    overheadBytes,
    metadataFloorBytes: metadataFloor,
    overheadOverMetadataFloor: Math.round((overheadBytes / metadataFloor) * 100) / 100,
    floorBytes: metadataFloor + photoBytes,
    totalOverFloor:
      Math.round(((pushed.bytesUp + pushed.bytesDown) / (metadataFloor + photoBytes)) * 10_000) /
      10_000,
    /** Blob requests (tus) per photo, its thumbnail included. */
    photoRequests: Math.round((pushed.blobRequests / photos.length) * 100) / 100,
  };
  return initialPush;
}

/** A new photo whose upload is cut half way, then resumed: how many bytes went up twice. */
async function measureCutResume(
  cut: CutProxy,
  device: ClientDevice,
  userId: string,
  extra: ProcessedEvidence,
) {
  await storeProcessedEvidence(
    device.db,
    { userId, submissionId: SUBMISSION, indicatorId: '1.2' },
    extra,
    'Biên bản họp quý IV',
  );
  await device.engine.sync();
  const cutUploader = new BlobUploader(device.db, {
    baseUrl: cut.url,
    getToken: () => device.token,
    toSource: bufferSource,
  });
  // Only the photo: its thumbnail goes first when its hash sorts first, and must not be cut.
  const blob = await device.db.blobs.get(extra.sha256);
  if (!blob) throw new Error('cut/resume photo not stored');
  const uploadBytes = () => cut.bodyBytes('POST', '/api/blobs') + cut.bodyBytes('PATCH');
  const before = uploadBytes();
  cut.cutAfter('POST', Math.floor(extra.size / 2), '/api/blobs');
  const first = await cutUploader.upload(blob);
  const second = await cutUploader.upload(blob);
  if (first.ok || !second.ok)
    throw new Error(`cut/resume did not happen as planned: ${JSON.stringify([first, second])}`);
  return {
    resentBytes: uploadBytes() - before - extra.size,
    chunkBytes: CHUNK_BYTES,
    photoBytes: extra.size,
  };
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
  const photos = await processedPhotos(PHOTOS);
  const extra = photos.pop();
  if (!extra) throw new Error('no photo for the cut/resume phase');
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
    for (const [i, processed] of photos.entries()) {
      const indicator = allIndicators[i % allIndicators.length] as { id: string };
      await storeProcessedEvidence(
        device.db,
        { userId: session.user.id, submissionId: SUBMISSION, indicatorId: indicator.id },
        processed,
        `Ảnh minh chứng ${i + 1}`,
      );
    }
    const changed = (await device.db.records.toArray())
      .filter((record) => record.collection === 'answer' || record.collection === 'evidence')
      .map((record) => record.fields);
    const answerFieldBytes = Math.round(
      changed
        .filter((fields) => 'indicatorId' in fields && !('sha256' in fields))
        .reduce((sum, fields) => sum + canonicalJson(fields).length, 0) / allIndicators.length,
    );
    const initialPush = await measureInitialPush(proxy, device, photos, floorOf(changed));

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

    // cutResume: a new photo; the connection is cut once half of its bytes are up.
    const cutResume = await measureCutResume(cut, device, session.user.id, extra);

    const total = (phase: { bytesUp: number; bytesDown: number }) =>
      phase.bytesUp + phase.bytesDown;
    const budgets = {
      initialPushWithin105PercentOfFloor: total(initialPush) <= 1.05 * initialPush.floorBytes,
      photoRequestsAtMost2: initialPush.photoRequests <= 2,
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
        evidence: photos.length,
        photoSource: '3000×2250 JPEG with EXIF, through the app photo pipeline (Chromium)',
        photoBytesAvg: Math.round(photos.reduce((sum, p) => sum + p.size, 0) / photos.length),
        thumbBytesAvg: Math.round(
          photos.reduce((sum, p) => sum + (p.thumbnail?.bytes.size ?? 0), 0) / photos.length,
        ),
        chunkBytes: CHUNK_BYTES,
      },
      initialPush,
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
