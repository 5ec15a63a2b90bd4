import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from '../../src/shared/schemas/template';
import { launchPhone } from '../helpers/browser';
import { PASSWORD, artifacts, shot, signIn } from '../helpers/review';
import { startServer, type RunningServer } from '../helpers/server-process';
import { threeMistakes } from '../helpers/template-files';

/**
 * Checklist templates in real Chromium at 360×640, as the administrator: a file that is not JSON
 * is said so; a file with exactly three mistakes shows exactly those three, in Vietnamese, with
 * their paths; the fixed file is imported as version 2 beside version 1 (which the campaign keeps);
 * the preview of version 2 shows its pillars and indicators read-only and writes nothing to the
 * phone's outbox.
 */
const V1 = 'cds-xa-2025.v1';
const V2 = 'cds-xa-2025.v2';

/** How many changes wait in the phone's outbox, read from its IndexedDB. */
const outboxSize = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('minh-chung');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(new Error('cannot read the outbox'));
        };
      }),
  );

const texts = (page: Page, testId: string) => page.getByTestId(testId).allTextContents();

describe('checklist templates for the administrator', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let admin: Page;
  const files = path.join(artifacts, 'admin-templates');
  const file = (name: string) => path.join(files, name);

  beforeAll(async () => {
    await mkdir(files, { recursive: true });
    const shipped = Template.parse(
      JSON.parse(await readFile(path.resolve('data/template-cds-xa-2025.json'), 'utf8')),
    );
    await writeFile(file('broken.json'), JSON.stringify(threeMistakes(shipped), null, 2));
    // Fixed: the three mistakes undone, and a note added, so it is a new version's content. The
    // file still says version 1: the server renumbers it.
    const fixed = { ...shipped, note: { vi: 'Bản 2: thêm ghi chú', en: 'Version 2: a note' } };
    await writeFile(file('fixed.json'), JSON.stringify(fixed, null, 2));
    await writeFile(
      file('not-json.json'),
      '{\n  "id": "cds-xa-2025",\n  "version": 1\n  "x": 2\n}',
    );
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    context = await launchPhone();
    admin = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  it('lists the shipped version with the campaign that uses it', async () => {
    await signIn(admin, server, 'admin', 'audit-check');
    await admin.goto(`${server.url}/admin/templates`);
    const v1 = admin.getByTestId(`template-version-${V1}`);
    await v1.waitFor({ timeout: 30_000 });
    expect(await v1.getByTestId('template-campaigns').textContent()).toBe(
      'Đợt đánh giá dùng: Đánh giá chuyển đổi số cấp xã năm 2025 (đang mở)',
    );
    await shot(admin, 'admin-templates-1-list');
  });

  it('says plainly that a file is not JSON', async () => {
    await admin.getByTestId('template-file').setInputFiles(file('not-json.json'));
    await expect
      .poll(() => admin.getByTestId('template-file-error').textContent())
      .toMatch(/^Tệp này không phải JSON hợp lệ: lỗi cú pháp ở dòng 4, cột 3\./);
  });

  it('shows exactly the three mistakes, in Vietnamese, with their paths', async () => {
    await admin.getByTestId('template-file').setInputFiles(file('broken.json'));
    await admin.getByTestId('template-problems').waitFor();
    expect(await texts(admin, 'problem-path')).toEqual([
      '$.pillars[0].indicators[0].title',
      '$.pillars[2].indicators[1].id',
      '$.pillars[2].maxPoints',
    ]);
    expect(await texts(admin, 'problem-sentence')).toEqual([
      'Trụ cột 1 (Nhận thức số), chỉ tiêu 1 (mã 1.1): thiếu trường “title”; hãy thêm trường này.',
      'Trụ cột 3 (Hạ tầng số), chỉ tiêu 2 (mã 3.1): mã “3.1” bị dùng hai lần (lần đầu ở Trụ cột 3 (Hạ tầng số), chỉ tiêu 1 (mã 3.1)); mỗi mục cần một mã riêng vì câu trả lời được lưu theo mã.',
      'Trụ cột 3 (Hạ tầng số): trụ cột ghi 90 điểm nhưng các chỉ tiêu cộng lại được 100 điểm; hãy sửa “maxPoints” của trụ cột bằng tổng điểm các chỉ tiêu.',
    ]);
    expect(await admin.getByTestId('template-problems').locator('p').first().textContent()).toBe(
      'Tệp có 3 lỗi cần sửa trước khi nhập:',
    );
    // No way to import a file with problems.
    expect(await admin.getByTestId('template-import').count()).toBe(0);
    await admin.getByTestId('template-problems').scrollIntoViewIfNeeded();
    await shot(admin, 'admin-templates-2-problems');
  });

  it('says the same problems in complete English when the administrator switches language', async () => {
    await admin.getByLabel('Ngôn ngữ').selectOption('en');
    await expect
      .poll(() => admin.getByTestId('problem-sentence').last().textContent())
      .toBe(
        'Pillar 3 (Digital infrastructure): the pillar says 90 points but its indicators add up to 100; make the pillar’s “maxPoints” the sum of its indicators’.',
      );
    expect(await texts(admin, 'problem-sentence')).toHaveLength(3);
    await admin.getByTestId('template-problems').scrollIntoViewIfNeeded();
    await shot(admin, 'admin-templates-2-problems-en');
    await admin.getByLabel('Language').selectOption('vi');
    await expect
      .poll(() => admin.getByTestId('problem-sentence').last().textContent())
      .toMatch(/^Trụ cột 3 \(Hạ tầng số\)/);
  });

  it('imports the fixed file as version 2, listed beside version 1', async () => {
    await admin.getByTestId('template-file').setInputFiles(file('fixed.json'));
    await expect
      .poll(() => admin.getByTestId('template-valid').textContent())
      .toMatch(/^Sẽ được lưu thành phiên bản 2 của mẫu “cds-xa-2025”\.Tệp ghi phiên bản 1/);
    await admin.getByTestId('template-import').click();
    await expect
      .poll(() => admin.getByTestId('template-imported').textContent())
      .toMatch(/^Đã nhập thành phiên bản 2 của mẫu “cds-xa-2025” \(tệp ghi phiên bản 1/);
    const v2 = admin.getByTestId(`template-version-${V2}`);
    await v2.waitFor();
    expect(await v2.getByTestId('template-campaigns').textContent()).toBe(
      'Chưa có đợt đánh giá nào dùng phiên bản này.',
    );
    expect(await v2.textContent()).toContain('Phiên bản 2');
    expect(await v2.textContent()).toContain('8 trụ cột · 26 chỉ tiêu · 1.000 điểm');
    expect(
      await admin
        .getByTestId(`template-version-${V1}`)
        .getByTestId('template-campaigns')
        .textContent(),
    ).toContain('Đánh giá chuyển đổi số cấp xã năm 2025');
    await v2.scrollIntoViewIfNeeded();
    await shot(admin, 'admin-templates-3-imported');
    // The same file again is the same content: refused, never a duplicate.
    await admin.getByTestId('template-file').setInputFiles(file('fixed.json'));
    await expect
      .poll(() => admin.getByTestId('template-unchanged').textContent())
      .toMatch(/^Nội dung tệp giống hệt phiên bản 2 đã có/);
    expect(await admin.locator('[data-testid^="template-version-"]').count()).toBe(2);
  });

  it('previews version 2 as an officer will see it, read-only, writing nothing', async () => {
    await admin.getByTestId(`template-preview-${V2}`).click();
    const preview = admin.getByTestId('template-preview');
    await preview.waitFor();
    expect(await preview.locator('#template-preview-title').textContent()).toBe(
      'Xem trước: Bộ tiêu chí đánh giá chuyển đổi số cấp xã năm 2025, phiên bản 2',
    );
    expect(await preview.locator('.pillar-head').count()).toBe(8);
    expect(await preview.locator('article.indicator').count()).toBe(26);
    expect(await preview.locator('.pillar-head span').first().textContent()).toBe('Nhận thức số');
    await shot(admin, 'admin-templates-4-preview-top');
    // Every answer field is disabled: nothing can be typed.
    const fields = preview.locator('article.indicator input');
    expect(await fields.count()).toBeGreaterThan(26);
    expect(await preview.locator('article.indicator input:enabled').count()).toBe(0);
    await admin.getByTestId('pillar-jump').selectOption({ index: 3 });
    await expect.poll(() => admin.locator('#pillar-ha-tang-so').isVisible()).toBe(true);
    await shot(admin, 'admin-templates-5-preview-pillar-3');
    expect(await outboxSize(admin)).toBe(0);
    await admin.getByTestId('template-preview-close').click();
    await admin.getByTestId(`template-version-${V2}`).waitFor();
  });
});
