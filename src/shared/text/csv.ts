/**
 * The cells of one CSV line as spreadsheets save it: quotes around a cell are allowed (and ""
 * inside them is a quote), cells are trimmed. Sheets filled by administrators are small and
 * line-oriented, so a line never holds a quoted line break here.
 */
export function csvCells(line: string, separator: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      out.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  out.push(cell.trim());
  return out;
}

/** A sheet's lines without the BOM Excel writes, and the separator it used: a Vietnamese-locale
 * Excel saves with semicolons, others with commas. */
export function csvLines(text: string): { lines: string[]; separator: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const separator = (lines.find((line) => line.trim() !== '') ?? '').includes(';') ? ';' : ',';
  return { lines, separator };
}
