// The reviewer's side of issue 9's "Measure it". Every commune of Bác Ái (district 584) fills its
// year as W1 on its own phone — every indicator answered with a note, 20 phone photos put through
// the app's own pipeline (Chromium), photos and thumbnails uploaded by the app's uploader — and
// submits. Then a fresh district-584 phone syncs for the first time through the app's
// SyncController (every page of metadata) and downloads the thumbnails the app keeps for
// reviewers, and sends a return (a general reason, two indicator reasons) and an approval from its
// outbox. Requests and bytes are counted on the reviewer's side of the link by the loopback proxy,
// headers included, both directions; the W1 link model (750/250 kbit/s, 300 ms RTT) turns them
// into an estimate of the time on the link (not measured: nothing here sleeps). The procedures
// are in test/helpers/review-workload.ts, shared with test/integration/review-budget.test.ts.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { submissionIdFor } from '../src/shared/protocol/record-ids';
import { SYNC_LIMITS } from '../src/shared/protocol/sync';
import { startFaultProxy } from '../test/helpers/fault-proxy';
import {
  CAMPAIGN,
  LINK,
  decisionOnWire,
  fillAndSubmit,
  reviewerFirstSync,
} from '../test/helpers/review-workload';
import { startServer } from '../test/helpers/server-process';
import { seededIds } from '../test/helpers/sync-client';
import { payloadOf, processedPhotos } from './sync-w1';

const PASSWORD = 'bench-password-2025';
const DISTRICT = '584';
const PHOTOS = 20;
const UNITS = path.resolve(import.meta.dirname, '../data/units-ninh-thuan-2025-03.json');

/** The communes under `district` in the shipped unit list, read from the file the seed reads. */
function communesOf(district: string): string[] {
  const find = (node: unknown): string[] | null => {
    if (typeof node !== 'object' || node === null || !('children' in node)) return null;
    const children: unknown[] = Array.isArray(node.children) ? node.children : [];
    if ('code' in node && node.code === district)
      return children.flatMap((child) =>
        typeof child === 'object' && child !== null && 'code' in child ? [String(child.code)] : [],
      );
    for (const child of children) {
      const found = find(child);
      if (found) return found;
    }
    return null;
  };
  const communes = find(JSON.parse(readFileSync(UNITS, 'utf8')));
  if (!communes?.length) throw new Error(`no communes under ${district} in ${UNITS}`);
  return communes;
}

export async function benchReview() {
  const communes = communesOf(DISTRICT);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mc-bench-review-'));
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
  const ids = seededIds(9_584);
  try {
    let uploadedPhotoBytes = 0;
    for (const [k, commune] of communes.entries()) {
      // Distinct photos everywhere: a shared photo would be one thumbnail for several records.
      const photos = await processedPhotos(PHOTOS - 1, 1_000 + k * PHOTOS);
      uploadedPhotoBytes += payloadOf(photos);
      await fillAndSubmit({ serverUrl: server.url, password: PASSWORD, commune, photos, ids });
      console.log(`review: commune ${commune} filled and submitted`);
    }
    const reviewer = await reviewerFirstSync(proxy, `district-${DISTRICT}`, PASSWORD);
    const first = reviewer.figures;
    const at = '2026-10-05T08:00:00.000Z';
    const [returned, approved] = [communes[0], communes[1]].map((commune) =>
      submissionIdFor(CAMPAIGN, commune ?? ''),
    );
    const returnMutation = {
      id: ids(),
      at,
      type: 'submission.transition' as const,
      submissionId: returned ?? '',
      event: 'return' as const,
      reason: 'Hồ sơ chưa đủ minh chứng, đề nghị xã bổ sung',
      indicatorReasons: [
        { indicatorId: '1.2', reason: 'Thiếu biên bản họp quý IV' },
        { indicatorId: '2.1', reason: 'Ảnh chụp không rõ ngày tháng' },
      ],
    };
    const returnFigures = await decisionOnWire(proxy, reviewer, returnMutation);
    const approveFigures = await decisionOnWire(proxy, reviewer, {
      id: ids(),
      at,
      type: 'submission.transition',
      submissionId: approved ?? '',
      event: 'approve',
    });
    reviewer.sync.controller.stop();
    await reviewer.device.close();

    const pages = Math.max(1, Math.ceil(first.counts.records / SYNC_LIMITS.defaultPageSize));
    const wire = (figures: { bytesUp: number; bytesDown: number }) =>
      figures.bytesUp + figures.bytesDown;
    return {
      reviewerFirstSync: {
        workload: {
          district: DISTRICT,
          communes: communes.length,
          photosPerCommune: PHOTOS,
          uploadedPhotoBytes,
          photoSource:
            '3000×2250 JPEG with EXIF, through the app photo pipeline (Chromium), all distinct',
        },
        thumbnailFetch:
          'one GET per thumbnail, as the app’s prefetcher (sync/thumbnail-prefetch.ts) does',
        pageSize: SYNC_LIMITS.defaultPageSize,
        ...first,
        link: LINK,
        budgets: {
          oneSyncRequestPerPage: first.syncRequests === pages,
          oneRequestPerThumbnail: first.blobRequests === first.counts.thumbnails,
          within120PercentOfFloor: wire(first) <= 1.2 * first.floorBytes,
        },
      },
      returnDecision: {
        workload: {
          indicatorReasons: returnMutation.indicatorReasons.length,
          generalReason: true,
        },
        ...returnFigures,
        approve: approveFigures,
        link: LINK,
        budgets: {
          returnOneRequest: returnFigures.requests === 1,
          // Two reasons and a general one travel in the return: the budget review-budget.test.ts asserts.
          returnWithin1700Bytes: wire(returnFigures) <= 1700,
          approveOneRequest: approveFigures.requests === 1,
          approveWithin1500Bytes: wire(approveFigures) <= 1500,
        },
      },
    };
  } finally {
    await proxy.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
