// The reviewer's side of issue 9's "Measure it", shared by bench/review-w1.ts (W1 photos from the
// app's pipeline in Chromium) and test/integration/review-budget.test.ts (small synthetic JPEGs):
// communes filled and submitted on their own phones, then a fresh district phone's first sync —
// the metadata pull through the app's SyncController and one GET per thumbnail — and its
// decisions, all counted on the wire by the loopback proxy (headers included, both directions).
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { MinhChungDb } from '../../src/app/db/database';
import { storeProcessedEvidence } from '../../src/app/features/evidence/repository';
import type { ProcessedEvidence } from '../../src/app/features/evidence/photo-pipeline';
import { SyncController, syncPhase } from '../../src/app/sync/controller';
import { canonicalJson } from '../../src/shared/canonical-json';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { allIndicators, goodValue } from './answers';
import { ClientDevice } from './client-device';
import type { FaultProxy } from './fault-proxy';

export const CAMPAIGN = 'cds-2025';
export const W1_NOTE = 'Theo báo cáo của UBND xã, số liệu đến 30/9/2025';
/** The W1 link model (issue 9): used only to model time from the counts; nothing sleeps. */
export const LINK = { downBitsPerSecond: 750_000, upBitsPerSecond: 250_000, rttMs: 300 };
/** How many thumbnails the app downloads at once (the h-review prefetcher's default). */
const THUMBNAIL_CONCURRENCY = 3;

/** tus-js-client's Node build reads Buffers; the app stores Blobs. */
export const bufferSource = async (data: Blob | ArrayBuffer): Promise<Buffer> =>
  Buffer.from(data instanceof Blob ? await data.arrayBuffer() : data);

export const gzipFloor = (value: unknown): number =>
  gzipSync(canonicalJson(value), { level: 9 }).length;

export interface WireCount {
  requests: number;
  blobRequests: number;
  bytesUp: number;
  bytesDown: number;
}

/** Requests and raw bytes through the proxy while `work` runs; blob requests counted apart. */
export async function countOnWire(
  proxy: FaultProxy,
  work: () => Promise<void>,
): Promise<WireCount> {
  proxy.resetStats();
  let blobRequests = 0;
  proxy.setPolicy(({ url }) => {
    if (url.startsWith('/api/blobs')) blobRequests += 1;
    return { kind: 'pass' };
  });
  await work();
  // The last response's bytes may still be in flight to the client socket's counters.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const { requests, bytesUp, bytesDown } = proxy.stats();
  return { requests, blobRequests, bytesUp, bytesDown };
}

/** The app's sync loop for a device, and one run of it that must end "synced". */
export function controllerFor(device: ClientDevice, baseUrl: string) {
  const controller = new SyncController({
    db: device.db,
    baseUrl,
    getToken: () => device.token,
    uploader: { toSource: bufferSource },
  });
  const syncOrThrow = async (what: string) => {
    await controller.syncNow();
    const status = controller.getStatus();
    if (syncPhase(status).kind !== 'synced')
      throw new Error(`${what} did not finish: ${JSON.stringify(status)}`);
    const refused = await device.db.outbox.where('state').equals('rejected').toArray();
    if (refused.length > 0) throw new Error(`${what}: refused ${JSON.stringify(refused)}`);
  };
  return { controller, syncOrThrow };
}

/**
 * One commune's W1 year on its own phone, straight to the server (not counted): every indicator
 * answered with a note, one evidence record per photo (bytes and thumbnail through the app's
 * evidence store and uploader), then submitted.
 */
export async function fillAndSubmit(options: {
  serverUrl: string;
  password: string;
  commune: string;
  photos: ProcessedEvidence[];
  ids: () => string;
}): Promise<void> {
  const { serverUrl, password, commune, photos, ids } = options;
  const submissionId = submissionIdFor(CAMPAIGN, commune);
  const { device, session } = await ClientDevice.signIn(serverUrl, `commune-${commune}`, password);
  const { controller, syncOrThrow } = controllerFor(device, serverUrl);
  try {
    const at = '2026-10-01T08:00:00.000Z';
    for (const indicator of allIndicators)
      await device.enqueue({
        id: ids(),
        at,
        type: 'answer.set',
        submissionId,
        indicatorId: indicator.id,
        fields: { value: goodValue(indicator), note: W1_NOTE },
      });
    for (const [i, processed] of photos.entries()) {
      const indicator = allIndicators[i % allIndicators.length] as { id: string };
      await storeProcessedEvidence(
        device.db,
        { userId: session.user.id, submissionId, indicatorId: indicator.id },
        processed,
        `Ảnh minh chứng ${i + 1}`,
      );
    }
    await syncOrThrow(`commune ${commune}'s push`);
    await device.enqueue({
      id: ids(),
      at,
      type: 'submission.transition',
      submissionId,
      event: 'submit',
    });
    await syncOrThrow(`commune ${commune}'s submit`);
  } finally {
    controller.stop();
    await device.close();
  }
}

/**
 * The thumbnails the reviewer's phone needs offline: those of every evidence record of a sent
 * (non-draft) submission it holds, not deleted, that the phone does not hold yet — the h-review
 * prefetcher's choice, without its priority order (which changes no count).
 */
async function thumbnailsWanted(db: MinhChungDb): Promise<string[]> {
  const sent = new Set(
    (await db.records.where('collection').equals('submission').toArray())
      .filter((record) => record.fields.status !== 'draft')
      .map((record) => record.id),
  );
  const wanted = new Set<string>();
  for (const record of await db.records.where('collection').equals('evidence').toArray()) {
    const { submissionId, thumbSha256, deleted } = record.fields;
    if (deleted === true || typeof thumbSha256 !== 'string') continue;
    if (sent.has(String(submissionId))) wanted.add(thumbSha256);
  }
  const hashes = [...wanted].sort();
  const held = await db.blobs.bulkGet(hashes);
  return hashes.filter((_, index) => held[index] === undefined);
}

/** One plain authenticated GET per thumbnail, checked against its name and kept, as the app does. */
async function downloadThumbnails(db: MinhChungDb, baseUrl: string, token: string) {
  const queue = await thumbnailsWanted(db);
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    for (let sha256 = queue[next++]; sha256 !== undefined; sha256 = queue[next++]) {
      const response = await fetch(`${baseUrl}/api/blobs/${sha256}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`thumbnail ${sha256}: HTTP ${response.status}`);
      const data = await response.arrayBuffer();
      if (createHash('sha256').update(new Uint8Array(data)).digest('hex') !== sha256)
        throw new Error(`thumbnail ${sha256}: bytes do not match their name`);
      bytes += data.byteLength;
      await db.blobs.put({
        sha256,
        mime: 'image/jpeg',
        size: data.byteLength,
        data,
        uploaded: 1,
        createdAt: new Date().toISOString(),
      });
    }
  };
  await Promise.all(Array.from({ length: THUMBNAIL_CONCURRENCY }, worker));
  return { count: queue.length, bytes };
}

/** Time on the W1 link from the counts: bytes at the link's rates, one RTT per request. */
export function modelledSeconds(count: WireCount): number {
  const seconds =
    (count.bytesUp * 8) / LINK.upBitsPerSecond +
    (count.bytesDown * 8) / LINK.downBitsPerSecond +
    (count.requests * LINK.rttMs) / 1000;
  return Math.round(seconds * 10) / 10;
}

const ratio = (value: number, floor: number) => Math.round((value / floor) * 10_000) / 10_000;

/**
 * A fresh reviewer phone (signed in as the app does, not counted) syncs for the first time: all
 * pages of metadata through the SyncController, then the thumbnails. Returns the figures and the
 * phone, signed in and synced, for its decisions.
 */
export async function reviewerFirstSync(proxy: FaultProxy, username: string, password: string) {
  const { device } = await ClientDevice.signIn(proxy.url, username, password);
  const sync = controllerFor(device, proxy.url);
  const metadata = await countOnWire(proxy, () => sync.syncOrThrow('reviewer first sync'));
  let thumbnails = { count: 0, bytes: 0 };
  const thumbs = await countOnWire(proxy, async () => {
    thumbnails = await downloadThumbnails(device.db, proxy.url, device.token);
  });
  const records = (await device.db.records.toArray()).map((record) => ({
    collection: record.collection,
    id: record.id,
    ...record.fields,
  }));
  const byCollection = (name: string) => records.filter((r) => r.collection === name).length;
  const total: WireCount = {
    requests: metadata.requests + thumbs.requests,
    blobRequests: metadata.blobRequests + thumbs.blobRequests,
    bytesUp: metadata.bytesUp + thumbs.bytesUp,
    bytesDown: metadata.bytesDown + thumbs.bytesDown,
  };
  const metadataFloorBytes = gzipFloor(records);
  const floorBytes = metadataFloorBytes + thumbnails.bytes;
  const wire = total.bytesUp + total.bytesDown;
  const figures = {
    requests: total.requests,
    syncRequests: metadata.requests,
    blobRequests: thumbs.requests,
    bytesUp: total.bytesUp,
    bytesDown: total.bytesDown,
    metadata: {
      requests: metadata.requests,
      bytesUp: metadata.bytesUp,
      bytesDown: metadata.bytesDown,
    },
    thumbnailDownload: {
      requests: thumbs.requests,
      bytesUp: thumbs.bytesUp,
      bytesDown: thumbs.bytesDown,
    },
    thumbnailBytes: thumbnails.bytes,
    metadataFloorBytes,
    floorBytes,
    totalOverFloor: ratio(wire, floorBytes),
    overheadBytes: wire - floorBytes,
    metadataOverMetadataFloor: ratio(metadata.bytesUp + metadata.bytesDown, metadataFloorBytes),
    modelledSecondsOnW1Link: modelledSeconds(total),
    counts: {
      records: records.length,
      submissions: byCollection('submission'),
      answers: byCollection('answer'),
      evidence: byCollection('evidence'),
      thumbnails: thumbnails.count,
      orgUnits: byCollection('org_unit'),
    },
  };
  return { figures, device, sync };
}

/**
 * What the answer to a decision must bring back besides the acknowledgement, as gzip: the review
 * records the server made of it (ids, author and time are the server's) and the submission's new
 * status. Not in the decision's floor, which is what must go up; reported to explain the bytes down.
 */
async function returnedRecordsFloor(device: ClientDevice, mutation: Mutation): Promise<number> {
  if (mutation.type !== 'submission.transition') return 0;
  const reviews = (await device.db.records.where('collection').equals('review').toArray())
    .filter((record) => record.fields.submissionId === mutation.submissionId)
    .filter((record) => record.fields.decision === mutation.event)
    .map((record) => ({ collection: record.collection, id: record.id, ...record.fields }));
  const submission = await device.record('submission', mutation.submissionId);
  return gzipFloor([
    ...reviews,
    { id: mutation.submissionId, status: submission?.status, updatedAt: submission?.updatedAt },
  ]);
}

/** One decision sent from the reviewer's outbox by the app's sync loop, against its floor. */
export async function decisionOnWire(
  proxy: FaultProxy,
  reviewer: { device: ClientDevice; sync: ReturnType<typeof controllerFor> },
  mutation: Mutation,
) {
  await reviewer.device.enqueue(mutation);
  const count = await countOnWire(proxy, () => reviewer.sync.syncOrThrow(`${mutation.type}`));
  const floorBytes = gzipFloor(mutation);
  const wire = count.bytesUp + count.bytesDown;
  return {
    requests: count.requests,
    bytesUp: count.bytesUp,
    bytesDown: count.bytesDown,
    floorBytes,
    returnedRecordsFloorBytes: await returnedRecordsFloor(reviewer.device, mutation),
    totalOverFloor: ratio(wire, floorBytes),
    overheadBytes: wire - floorBytes,
    modelledSecondsOnW1Link: modelledSeconds(count),
  };
}
