// A full relay of one W1 backup (issue 9, "Measure it"): a commune phone with no signal answers
// every indicator (W1 notes) and attaches 20 photos put through the app's own pipeline, then
// exports its .mcbackup; a district phone that has already synced imports it and sends it all on —
// relayed, signed mutations, then the photos and thumbnails by tus — through the app's
// SyncController. Requests and bytes are counted on the district's side of the link by the loopback
// proxy, headers included, both directions. The floor: gzip of the relayed entries' canonical JSON
// (mutations with their authors and signatures — what must cross) plus the photo bytes; the
// signatures' share is reported apart. The W1 link model (750/250 kbit/s down/up, 300 ms RTT)
// gives an estimate of the time on the link from those counts (not measured: nothing here sleeps).
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { exportBackup, importBackup } from '../src/app/features/backup';
import { storeProcessedEvidence } from '../src/app/features/evidence/repository';
import { SyncController, syncPhase } from '../src/app/sync/controller';
import { wireItem } from '../src/app/sync/engine';
import { canonicalJson } from '../src/shared/canonical-json';
import { submissionIdFor } from '../src/shared/protocol/record-ids';
import { allIndicators, goodValue } from '../test/helpers/answers';
import { ClientDevice } from '../test/helpers/client-device';
import { startFaultProxy } from '../test/helpers/fault-proxy';
import { startServer } from '../test/helpers/server-process';
import { seededIds } from '../test/helpers/sync-client';
import { bufferSource, measure, payloadOf, processedPhotos } from './sync-w1';

const PASSWORD = 'bench-password-2025';
const COMMUNE = '22783';
const SUBMISSION = submissionIdFor('cds-2025', COMMUNE);
const PHOTOS = 20;
const LINK = { downBitsPerSecond: 750_000, upBitsPerSecond: 250_000, rttMs: 300 };

const gzipped = (value: unknown) => gzipSync(canonicalJson(value), { level: 9 }).length;

/** The commune's W1 work on a phone that never syncs, exported as a backup file. */
async function communeBackup(serverUrl: string) {
  const { device, session } = await ClientDevice.signIn(serverUrl, `commune-${COMMUNE}`, PASSWORD);
  const photos = await processedPhotos(PHOTOS - 1);
  const nextId = seededIds(9_0609);
  const note = 'Theo báo cáo của UBND xã, số liệu đến 30/9/2025';
  for (const indicator of allIndicators)
    await device.enqueue({
      id: nextId(),
      at: '2026-10-01T08:00:00.000Z',
      type: 'answer.set',
      submissionId: SUBMISSION,
      indicatorId: indicator.id,
      fields: { value: goodValue(indicator), note },
    });
  for (const [i, processed] of photos.entries()) {
    const indicator = allIndicators[i % allIndicators.length] as { id: string };
    await storeProcessedEvidence(
      device.db,
      { userId: session.user.id, submissionId: SUBMISSION, indicatorId: indicator.id },
      processed,
      `Ảnh minh chứng ${i + 1}`,
    );
  }
  const file = await exportBackup(device.db, session);
  if (file.unsigned > 0) throw new Error(`${file.unsigned} changes were left unsigned`);
  await device.close();
  return { file, photos };
}

export async function benchRelay() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mc-bench-relay-'));
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
  try {
    const { file, photos } = await communeBackup(server.url);
    const { device, session } = await ClientDevice.signIn(proxy.url, 'district-584', PASSWORD);
    const controller = new SyncController({
      db: device.db,
      baseUrl: proxy.url,
      getToken: () => device.token,
      uploader: { toSource: bufferSource },
    });
    // The district synced before it went up to the commune: its own first pull is not the relay.
    await controller.syncNow();
    const report = await importBackup(device.db, session, file.blob);
    const entries = await device.db.outbox.orderBy('order').toArray();
    const items = entries.map(wireItem);
    const photoBytes = payloadOf(photos);
    const relayed = await measure(proxy, async () => {
      await controller.syncNow();
      const status = controller.getStatus();
      if (syncPhase(status).kind !== 'synced')
        throw new Error(`relay did not finish: ${JSON.stringify(status)}`);
    });
    controller.stop();
    await device.close();

    const metadataFloorBytes = gzipped(items);
    const unsignedFloorBytes = gzipped(entries.map((entry) => entry.mutation));
    const floorBytes = metadataFloorBytes + photoBytes;
    const total = relayed.bytesUp + relayed.bytesDown;
    const modelledSeconds =
      (relayed.bytesUp * 8) / LINK.upBitsPerSecond +
      (relayed.bytesDown * 8) / LINK.downBitsPerSecond +
      (relayed.requests * LINK.rttMs) / 1000;
    return {
      workload: {
        answers: allIndicators.length,
        evidence: photos.length,
        relayedMutations: report.relay.queued,
        backupFileBytes: file.blob.size,
        photoSource: '3000×2250 JPEG with EXIF, through the app photo pipeline (Chromium)',
      },
      relay: {
        requests: relayed.requests,
        syncRequests: relayed.requests - relayed.blobRequests,
        blobRequests: relayed.blobRequests,
        bytesUp: relayed.bytesUp,
        bytesDown: relayed.bytesDown,
        photoBytes,
        metadataFloorBytes,
        /** The same mutations without authors and signatures: what a signature costs. */
        unsignedMetadataFloorBytes: unsignedFloorBytes,
        signatureShareOfMetadataFloor:
          Math.round((1 - unsignedFloorBytes / metadataFloorBytes) * 100) / 100,
        floorBytes,
        totalOverFloor: Math.round((total / floorBytes) * 10_000) / 10_000,
        overheadBytes: total - photoBytes,
        overheadOverMetadataFloor:
          Math.round(((total - photoBytes) / metadataFloorBytes) * 100) / 100,
        modelledSecondsOnW1Link: Math.round(modelledSeconds * 10) / 10,
        link: LINK,
      },
      budgets: {
        relayWithin120PercentOfFloor: total <= 1.2 * floorBytes,
        photoRequestsAtMost2: relayed.blobRequests <= 2 * photos.length,
      },
    };
  } finally {
    await proxy.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
