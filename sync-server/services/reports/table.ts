/**
 * A report as a plain table — headers and typed cells — written out as CSV or XLSX by the
 * writers below. Keeping the table separate means both files carry exactly the same figures,
 * and a test can compare either with the dashboard.
 */
export type Cell = string | number | null;

export interface ReportTable {
  /** The sheet's name in the XLSX file (≤ 31 characters, no []:*?/\). */
  sheet: string;
  headers: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/**
 * Text a spreadsheet would run as a formula ("=HYPERLINK(…)" typed into a note by anyone) is
 * prefixed with an apostrophe, the OWASP advice against CSV injection: the cell then reads as text.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : neutralised(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV with CRLF line ends, UTF-8 with a byte-order mark: without the mark Excel reads
 * the file as the local code page and Vietnamese comes out garbled.
 */
export function toCsv(table: ReportTable): Buffer {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvCell).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`)]);
}

/** An XLSX workbook with one sheet per table: bold frozen header, numbers stored as numbers. */
export async function toXlsx(tables: readonly ReportTable[]): Promise<Buffer> {
  // exceljs is large and only exports need it: loaded on the first export, not at start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Minh Chứng';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...table.headers]).font = { bold: true };
    for (const row of table.rows)
      sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutralised(cell) : cell)));
    table.headers.forEach((header, index) => {
      const longest = Math.max(
        header.length,
        ...table.rows.map((row) => String(row[index] ?? '').length),
      );
      sheet.getColumn(index + 1).width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
