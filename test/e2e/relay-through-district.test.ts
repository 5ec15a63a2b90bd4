import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIdFor } from '../../src/shared/protocol/record-ids';
import { openDatabase } from '../../sync-server/db/database';
import { makePng } from '../helpers/blobs';
import { launchPhone } from '../helpers/browser';
import { PASSWORD, artifacts, shot, signIn, submissionOf, text } from '../helpers/review';
import { startServer, type RunningServer } from '../helpers/server-process';

/**
 * Issue 9 §6 in real Chromium: a mountain commune's phone signs in once and never reaches the
 * server again. Its officer answers and photographs offline and exports a backup; the file is
 * edited by hand on the way (one answer changed); the district's phone imports it and sends the
 * commune's signed changes and photos on its behalf. The server takes everything but the edited
 * answer, as the officer's work with the district named as the carrier; the district phone says
 * in words which change was refused and why. Weeks later the commune finds signal: its own phone
 * delivers the genuine answer and ends with nothing pending, and nothing is stored twice.
 */
const COMMUNE = '22801';
const DISTRICT = 'district-584';
const ANSWERED = { '1.2': '7', '3.4': '4' } as const;
const TAMPERED = '1.2';

interface FileEntry {
  mutationId: string;
  mutation: { type: string; indicatorId?: string; fields?: Record<string, unknown> };
}

/** The backup with one answer's value changed by hand; its signature is left as it was. */
function tamperedCopy(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const outbox = files['outbox.json'];
  if (!outbox) throw new Error('the backup has no outbox.json');
  const entries = JSON.parse(strFromU8(outbox)) as FileEntry[];
  const entry = entries.find(
    (candidate) =>
      candidate.mutation.type === 'answer.set' && candidate.mutation.indicatorId === TAMPERED,
  );
  if (!entry?.mutation.fields) throw new Error(`no answer to ${TAMPERED} in the backup`);
  entry.mutation.fields.value = 70;
  files['outbox.json'] = strToU8(JSON.stringify(entries));
  return zipSync(files);
}

/** What the server's database holds of the commune's work. */
async function serverHolds(server: RunningServer) {
  const database = openDatabase('sqlite:minh-chung.sqlite', server.dataDir);
  try {
    const { db } = database;
    const records = await db
      .selectFrom('records')
      .select(['collection', 'id', 'data'])
      .where('org_path', 'like', `%/${COMMUNE}/`)
      .execute();
    const answers = new Map(
      records
        .filter((row) => row.collection === 'answer')
        .map((row) => [row.id, JSON.parse(row.data) as { value: unknown; updatedBy: string }]),
    );
    const evidence = records
      .filter((row) => row.collection === 'evidence')
      .map((row) => JSON.parse(row.data) as { sha256: string; thumbSha256?: string });
    const hashes = evidence.flatMap((item) => [item.sha256, item.thumbSha256 ?? '']);
    const blobs = hashes.length
      ? await db.selectFrom('blobs').select('sha256').where('sha256', 'in', hashes).execute()
      : [];
    const users = await db.selectFrom('users').select(['id', 'username']).execute();
    const idOf = (username: string) => users.find((user) => user.username === username)?.id;
    const applied = await db
      .selectFrom('applied_mutations')
      .select(['id', 'user_id', 'relayed_by', 'outcome'])
      .where('user_id', '=', idOf(`commune-${COMMUNE}`) ?? '')
      .execute();
    const relayAudits = await db
      .selectFrom('audit_events')
      .select(['actor', 'data'])
      .where('data', 'like', `%"relayedBy":"${idOf(DISTRICT)}"%`)
      .execute();
    return {
      answers,
      evidence,
      blobs: blobs.length,
      applied,
      relayAudits,
      officerId: idOf(`commune-${COMMUNE}`),
      districtId: idOf(DISTRICT),
    };
  } finally {
    await database.close();
  }
}

const answerId = (indicatorId: string) => answerIdFor(submissionOf(COMMUNE), indicatorId);

describe('a commune with no signal reaches the server through the district', () => {
  let server: RunningServer;
  let workDir: string;
  let communeContext: BrowserContext;
  let districtContext: BrowserContext;
  let commune: Page;
  let district: Page;
  let backup: Uint8Array;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    workDir = await mkdtemp(path.join(os.tmpdir(), 'mc-relay-'));
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    communeContext = await launchPhone();
    districtContext = await launchPhone();
    commune = await communeContext.newPage();
    district = await districtContext.newPage();
  }, 120_000);

  afterAll(async () => {
    await communeContext?.close();
    await districtContext?.close();
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('the commune works offline and exports a signed backup', async () => {
    await signIn(commune, server, `commune-${COMMUNE}`, 'submission-status');
    await commune.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await communeContext.setOffline(true);
    for (const [indicatorId, value] of Object.entries(ANSWERED)) {
      await commune
        .getByTestId(`indicator-${indicatorId}`)
        .locator('input[inputmode="numeric"]')
        .fill(value);
    }
    const card = commune.getByTestId('indicator-1.1');
    await commune
      .getByTestId('files-1.1')
      .setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: makePng(800, 600) });
    await card.locator('.evidence-tile img').waitFor({ timeout: 60_000 });
    await card.getByText('Chờ gửi', { exact: true }).waitFor({ timeout: 60_000 });
    // Two answers, the photo's record and the photo itself wait on the phone.
    await expect
      .poll(() =>
        commune.getByTestId('sync-chip-count').locator('[aria-hidden="true"]').textContent(),
      )
      .toBe('4');

    await commune.getByRole('link', { name: 'Dữ liệu' }).click();
    const [download] = await Promise.all([
      commune.waitForEvent('download'),
      commune.getByTestId('export-backup').click(),
    ]);
    const file = path.join(workDir, download.suggestedFilename());
    await download.saveAs(file);
    // Signed at sign-in: nothing in the file says the district cannot send it on.
    await expect.poll(() => text(commune, 'backup-status')).toMatch(/^Đã tạo minh-chung-22801-/);
    expect(await text(commune, 'backup-status')).not.toContain('không gửi thay được');
    await commune.getByTestId('backup-status').scrollIntoViewIfNeeded();
    await shot(commune, 'relay-1-commune-exported');
    backup = new Uint8Array(await readFile(file));
  }, 120_000);

  it('the district imports the file, edited on the way, and relays it', async () => {
    await signIn(district, server, DISTRICT, 'inbox-list');
    await district.getByRole('link', { name: 'Dữ liệu' }).click();
    await district.getByTestId('import-backup').setInputFiles({
      name: 'minh-chung-22801.mcbackup',
      mimeType: 'application/zip',
      buffer: Buffer.from(tamperedCopy(backup)),
    });
    await expect
      .poll(() => text(district, 'backup-status'), { timeout: 20_000 })
      .toContain(`3 thay đổi của commune-${COMMUNE} sẽ được gửi thay`);
    await district.getByTestId('backup-status').scrollIntoViewIfNeeded();
    await shot(district, 'relay-2-district-imported');

    await district.getByTestId('sync-chip').click();
    await district.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    // The photo and its thumbnail arrive too, carried by the district's uploader.
    await expect.poll(async () => (await serverHolds(server)).blobs, { timeout: 60_000 }).toBe(2);
    await district.getByTestId('sync-chip').click();

    const held = await serverHolds(server);
    expect(held.answers.get(answerId('3.4'))).toMatchObject({
      value: 4,
      updatedBy: held.officerId,
    });
    expect(held.answers.has(answerId(TAMPERED))).toBe(false);
    expect(held.evidence).toHaveLength(1);
    // Applied as the officer's, the district named as the carrier, in the audit too.
    const relayed = held.applied.filter((row) => row.relayed_by === held.districtId);
    expect(relayed).toHaveLength(2);
    expect(held.relayAudits).toHaveLength(2);
    for (const event of held.relayAudits) expect(event.actor).toBe(held.officerId);

    // The district phone says which change was refused, whose it is and why.
    await district.getByRole('link', { name: 'Đồng bộ' }).click();
    const refused = district.getByTestId('queue-item');
    await expect.poll(() => refused.count(), { timeout: 20_000 }).toBe(1);
    expect(await refused.getByTestId('queue-relayed').textContent()).toBe(
      `Chuyển tiếp giúp commune-${COMMUNE}`,
    );
    expect(await refused.textContent()).toContain('tệp sao lưu bị chỉnh');
    await shot(district, 'relay-3-district-refusal');
  }, 120_000);

  it('the commune, online weeks later, delivers the genuine answer and nothing twice', async () => {
    const before = await serverHolds(server);
    await communeContext.setOffline(false);
    await commune.getByRole('link', { name: 'Phiếu' }).click();
    await commune.getByTestId('sync-chip').click();
    await commune.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect
      .poll(() => text(commune, 'sync-pending'), { timeout: 60_000 })
      .toBe('Mọi thay đổi đã lên máy chủ');
    await shot(commune, 'relay-4-commune-synced');

    const after = await serverHolds(server);
    expect(after.answers.get(answerId(TAMPERED))).toMatchObject({
      value: 7,
      updatedBy: after.officerId,
    });
    // The relayed changes were found already applied: one new row, the genuine 1.2.
    expect(after.applied).toHaveLength(before.applied.length + 1);
    expect(after.evidence).toHaveLength(1);
    expect(after.blobs).toBe(2);
    expect(after.relayAudits).toHaveLength(2);
  }, 120_000);
}, 400_000);
