import { mkdir } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardFigures } from '../../src/shared/reports/figures';
import { launchPhone } from '../helpers/browser';
import { allIndicators } from '../helpers/answers';
import { apiToken } from '../helpers/officer';
import {
  PASSWORD,
  artifacts,
  communeSubmits,
  shot,
  signIn,
  submissionOf,
  text,
} from '../helpers/review';
import { startServer, type RunningServer } from '../helpers/server-process';
import { seededIds, TestDevice } from '../helpers/sync-client';

/**
 * The results in real Chromium at 360×640: two Bác Ái communes submit, the district approves one.
 * A viewer (a leader) sees the province's figures — computed from the approved one only — drills
 * down to the district, reads them again offline, and never receives a draft. The province
 * downloads the results as XLSX; the file's figures are the dashboard's.
 */
const APPROVED = '22783';
const SUBMITTED = '22786';

/** The collections the phone holds, read from its IndexedDB. */
const collectionsOnPhone = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('minh-chung');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const request = open.result.transaction('records').objectStore('records').getAll();
          request.onsuccess = () =>
            resolve([
              ...new Set((request.result as { collection: string }[]).map((r) => r.collection)),
            ]);
          request.onerror = () => reject(new Error('cannot read the records'));
        };
      }),
  );

describe('dashboards for leaders and the province', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let viewer: Page;
  let province: Page;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    for (const unit of [APPROVED, SUBMITTED]) await communeSubmits(server, unit);
    const token = await apiToken(server.url, 'district-584', PASSWORD, 'district laptop');
    const district = new TestDevice(server.url, token, 'district-laptop');
    const decided = await district.sync([
      {
        id: seededIds(10_0301)(),
        at: '2026-01-06T00:00:00.000Z',
        type: 'submission.transition',
        submissionId: submissionOf(APPROVED),
        event: 'approve',
      },
    ]);
    expect(decided.rejections).toEqual([]);
    context = await launchPhone();
    viewer = await context.newPage();
    province = await (await launchPhone()).newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await province?.context().close();
    await server?.stop();
  });

  it('shows a viewer the province’s figures from approved work, and no draft', async () => {
    await signIn(viewer, server, 'viewer', 'dashboard');
    await expect
      .poll(() => text(viewer, 'kpi-completeness'), { timeout: 20_000 })
      .toMatch(/^Đã gửi2\/\d+ xã/);
    expect(await text(viewer, 'dashboard-unit')).toBe('Tỉnh Ninh Thuận');
    expect(await text(viewer, 'status-count-approved')).toBe('Đã duyệt1');
    expect(await text(viewer, 'status-count-submitted')).toBe('Chờ thẩm định1');
    expect(await text(viewer, 'kpi-average')).toMatch(/^Điểm trung bình50\/1\.000/);
    // The work itself never reaches a viewer's phone, and nothing here opens it.
    expect((await collectionsOnPhone(viewer)).sort()).toEqual(['campaign', 'org_unit', 'template']);
    expect(await viewer.getByRole('link', { name: 'Mở hồ sơ' }).count()).toBe(0);
    expect(await viewer.getByTestId('export-answers.xlsx').count()).toBe(0);
    await viewer.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await shot(viewer, 'dashboard-1-viewer-province');
    // The map of the province's 7 districts, Bác Ái coloured by its average.
    const map = viewer.getByTestId('district-map');
    await map.waitFor({ timeout: 20_000 });
    expect(await map.locator('[data-code]').count()).toBe(7);
    await map.scrollIntoViewIfNeeded();
    await shot(viewer, 'dashboard-1b-viewer-map');
  });

  it('drills down to the district, its communes ranked', async () => {
    await viewer.evaluate(() => window.scrollTo(0, 0));
    await viewer.getByRole('link', { name: 'Xem số liệu Huyện Bác Ái' }).click();
    await expect.poll(() => text(viewer, 'dashboard-unit')).toBe('Huyện Bác Ái');
    const approved = viewer.getByTestId(`rank-row-${APPROVED}`);
    await expect.poll(() => approved.textContent(), { timeout: 20_000 }).toMatch(/^1/);
    expect(await approved.textContent()).toContain('50/1.000 điểm');
    expect(await text(viewer, `rank-row-${SUBMITTED}`)).toContain('Chưa xếp hạng');
    await viewer.getByTestId(`rank-row-${APPROVED}`).scrollIntoViewIfNeeded();
    await shot(viewer, 'dashboard-2-viewer-district');
  });

  it('reads the last figures offline', async () => {
    await context.setOffline(true);
    await viewer.reload({ waitUntil: 'domcontentloaded' });
    await expect
      .poll(() => text(viewer, 'dashboard-as-of'), { timeout: 20_000 })
      .toMatch(/^Bản lưu trên máy lúc/);
    expect(await text(viewer, 'dashboard-unit')).toBe('Huyện Bác Ái');
    expect(await text(viewer, `rank-row-${APPROVED}`)).toContain('50/1.000 điểm');
    await shot(viewer, 'dashboard-3-viewer-offline');
    // Up to the province: its figures and its map, from the copies on the phone.
    await viewer.getByRole('link', { name: '← Tỉnh Ninh Thuận' }).click();
    await expect.poll(() => text(viewer, 'dashboard-unit')).toBe('Tỉnh Ninh Thuận');
    const map = viewer.getByTestId('district-map');
    await map.waitFor({ timeout: 20_000 });
    expect(await map.locator('[data-code]').count()).toBe(7);
    await viewer.getByRole('link', { name: 'Xem số liệu Huyện Bác Ái' }).click();
    await expect.poll(() => text(viewer, 'dashboard-unit')).toBe('Huyện Bác Ái');
    await context.setOffline(false);
  });

  it('prints a commune’s A4 report for a viewer: its figures and rank, not its answers', async () => {
    await viewer
      .getByTestId(`rank-row-${APPROVED}`)
      .getByRole('link', { name: /Bản in A4/ })
      .click();
    await expect.poll(() => text(viewer, 'report-score'), { timeout: 20_000 }).toBe('50/1.000');
    expect(await text(viewer, 'report-rank')).toBe('1/9 xã của Huyện Bác Ái');
    expect(await text(viewer, 'report-unit')).toMatch(/— Huyện Bác Ái$/);
    expect(await viewer.getByTestId('report-indicators').count()).toBe(0);
    await shot(viewer, 'dashboard-5-viewer-commune-report');
  });

  it('gives the province an XLSX of the results whose figures are the dashboard’s', async () => {
    await signIn(province, server, 'province', 'inbox-list');
    await province.getByRole('link', { name: 'Tổng hợp' }).click();
    await expect
      .poll(() => text(province, 'kpi-completeness'), { timeout: 20_000 })
      .toMatch(/^Đã gửi2\//);
    await province.getByTestId('export-results.xlsx').scrollIntoViewIfNeeded();
    await shot(province, 'dashboard-4-province-exports');
    const [download] = await Promise.all([
      province.waitForEvent('download'),
      province.getByTestId('export-results.xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('results-cds-2025-58.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.getWorksheet('Kết quả');
    if (!sheet) throw new Error('no sheet "Kết quả"');
    const token = await apiToken(server.url, 'province', PASSWORD, 'check');
    const figures = DashboardFigures.parse(
      await (
        await fetch(`${server.url}/api/reports/dashboard?campaign=cds-2025&unit=58`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json(),
    );
    expect(sheet.rowCount).toBe(1 + figures.units.length);
    for (const unit of figures.units) {
      const row = sheet
        .getRows(2, sheet.rowCount - 1)
        ?.find((r) => r.getCell(1).value === unit.unitId);
      const value = unit.level === 'commune' ? unit.score : unit.averageScore;
      expect([
        unit.unitId,
        row?.getCell(5).value,
        row?.getCell(6).value,
        row?.getCell(10).value ?? null,
        row?.getCell(11).value ?? null,
      ]).toEqual([unit.unitId, unit.expected, unit.submitted, value, unit.rank]);
    }
  });

  it('prints a district’s report on A4, the app hidden, its communes ranked', async () => {
    await province.evaluate(() => window.scrollTo(0, 0));
    await province.getByRole('link', { name: 'Xem số liệu Huyện Bác Ái' }).click();
    await expect.poll(() => text(province, 'dashboard-unit')).toBe('Huyện Bác Ái');
    await province.getByTestId('open-report').click();
    const rows = province.getByTestId('report-children').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(9);
    const cells = (unit: string) =>
      province.getByTestId(`report-row-${unit}`).locator('th, td').allTextContents();
    // Rank, name and status, sent / on time, score, then the 8 pillars.
    const approved = await cells(APPROVED);
    expect([approved[0], approved[1], approved[2], approved[3], approved.length]).toEqual([
      '1',
      'Xã Phước Bình · Đã duyệt',
      '1/1 · 1',
      '50',
      12,
    ]);
    expect((await cells(SUBMITTED)).slice(0, 4)).toEqual([
      '–',
      expect.stringMatching(/ · Chờ thẩm định$/),
      '1/1 · 1',
      '–',
    ]);
    expect(await text(province, 'report-average')).toBe('50/1.000');
    await shot(province, 'dashboard-6-district-report');
    await province.emulateMedia({ media: 'print' });
    expect(await province.getByTestId('report-print').isVisible()).toBe(false);
    expect(await province.locator('nav.tabs').isVisible()).toBe(false);
    const pdf = (
      await province.pdf({ preferCSSPageSize: true, path: `${artifacts}/district-report.pdf` })
    ).toString('latin1');
    // A4 portrait in points (210 × 297 mm), whatever the phone's viewport.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
    await province.emulateMedia({ media: 'screen' });
  });

  it('prints a commune’s report with every indicator for those who read its work', async () => {
    await province.goto(`${server.url}/report/${APPROVED}`);
    await expect.poll(() => text(province, 'report-score'), { timeout: 20_000 }).toBe('50/1.000');
    expect(await text(province, 'report-rank')).toBe('1/9 xã của Huyện Bác Ái');
    const indicators = province.getByTestId('report-indicators').locator('tbody tr');
    await expect.poll(() => indicators.count(), { timeout: 20_000 }).toBe(allIndicators.length);
    await shot(province, 'dashboard-7-commune-report');
  });

  it('gives the commune officer the same report of its own work, from the checklist', async () => {
    const officer = await (await launchPhone()).newPage();
    try {
      await signIn(officer, server, `commune-${APPROVED}`, 'submission-status');
      await officer.getByTestId('open-own-report').click();
      const indicators = officer.getByTestId('report-indicators').locator('tbody tr');
      await expect.poll(() => indicators.count(), { timeout: 20_000 }).toBe(allIndicators.length);
      expect(await text(officer, 'report-score')).toBe('50/1.000');
      // A commune does not read its district's figures: no rank among the others.
      expect(await text(officer, 'report-rank')).toBe('–');
    } finally {
      await officer.context().close();
    }
  });
}, 400_000);
