// @vitest-environment node
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { allIndicators, answerAll } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const BAC_AI_COMMUNES = 9;
const SUBMISSION = submissionIdFor('cds-2025', '22783');

/** Parses the CSV the server writes (RFC 4180, as toCsv writes it) back into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += char;
    }
  }
  return rows;
}

describe.each(BACKENDS)('answers export on %s', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const nextId = seededIds(10_0101);

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const username of ['province', 'district-584', 'district-582', 'viewer', 'commune-22783'])
      tokens[username] = (await server.login(username)).token;
    const commune = new TestDevice(server.url, tokens['commune-22783'] ?? '', 'phone-22783');
    const note: Mutation = {
      id: nextId(),
      at: '2026-01-02T00:00:00.000Z',
      type: 'answer.set',
      submissionId: SUBMISSION,
      indicatorId: '1.2',
      fields: { value: 7, note: '=HYPERLINK("http://x","bấm, vào")' },
    };
    const response = await commune.sync([...answerAll(SUBMISSION, nextId), note]);
    expect(response.rejections).toEqual([]);
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (username: string, format: 'csv' | 'xlsx', query = 'campaign=cds-2025&unit=584') =>
    fetch(`${server.url}/api/reports/answers.${format}?${query}`, {
      headers: { authorization: `Bearer ${tokens[username] ?? ''}` },
    });

  it('writes a CSV Excel opens in Vietnamese: BOM, headers, one row per commune and indicator', async () => {
    const response = await get('district-584', 'csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="answers-cds-2025-584.csv"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(rows[0]).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Trực thuộc',
      'Trạng thái hồ sơ',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Trả lời',
      'Ghi chú',
    ]);
    expect(rows).toHaveLength(1 + BAC_AI_COMMUNES * allIndicators.length);
    const answered = rows.find((row) => row[0] === '22783' && row[4] === '1.2');
    expect(answered?.slice(1, 4)).toEqual(['Xã Phước Bình', 'Huyện Bác Ái', 'Đang soạn']);
    expect(answered?.[6]).toBe('7');
    // A note that a spreadsheet would run as a formula reads as text.
    expect(answered?.[7]).toBe('\'=HYPERLINK("http://x","bấm, vào")');
    const ratio = rows.find((row) => row[0] === '22783' && row[4] === '1.4');
    expect(ratio?.[6]).toBe('9/10');
    const untouched = rows.find((row) => row[0] === '22786' && row[4] === '1.2');
    expect(untouched?.slice(3)).toEqual([
      'Chưa bắt đầu',
      '1.2',
      expect.any(String) as string,
      '',
      '',
    ]);
  });

  it('writes the same figures as XLSX, numbers as numbers', async () => {
    const [csv, xlsx] = await Promise.all([get('province', 'csv'), get('province', 'xlsx')]);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('Câu trả lời');
    if (!sheet) throw new Error('no sheet "Câu trả lời"');
    const csvRows = parseCsv(
      new TextDecoder().decode(new Uint8Array(await csv.arrayBuffer()).slice(3)),
    );
    expect(sheet.rowCount).toBe(csvRows.length);
    const row = sheet
      .getRows(2, sheet.rowCount - 1)
      ?.find(
        (candidate) =>
          candidate.getCell(1).value === '22783' && candidate.getCell(5).value === '1.2',
      );
    expect(row?.getCell(7).value).toBe(7);
    expect(sheet.getRow(1).font?.bold).toBe(true);
  });

  it('refuses viewers, units outside the scope, and unknown campaigns or units, with codes', async () => {
    const codeOf = async (response: Response) => [
      response.status,
      ((await response.json()) as { error: { code: string } }).error.code,
    ];
    expect(await codeOf(await get('viewer', 'csv'))).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf(await get('district-582', 'xlsx'))).toEqual([403, 'OUT_OF_SCOPE']);
    expect(await codeOf(await get('province', 'csv', 'campaign=nope&unit=584'))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(await codeOf(await get('province', 'csv', 'campaign=cds-2025&unit=99999'))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(await codeOf(await get('province', 'csv', 'campaign=cds-2025'))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const anonymous = await fetch(
      `${server.url}/api/reports/answers.csv?campaign=cds-2025&unit=584`,
    );
    expect(await codeOf(anonymous)).toEqual([401, 'UNAUTHENTICATED']);
  });
});
