import { NewUser } from '../api/users';
import { csvCells, csvLines } from '../text/csv';

/**
 * The accounts sheet an administrator fills in a spreadsheet and saves as CSV: one account a
 * line, `username,unit,role` and optionally a display name, with or without a header line, comma
 * or semicolon separated (a Vietnamese-locale Excel saves with semicolons). Every line is checked
 * with the same schema the server applies; problems name their line so that the sheet can be
 * fixed, and nothing is created until there are none.
 */
export interface CsvProblem {
  /** 1-based, as the spreadsheet numbers it. */
  line: number;
  /** The field, or '' for the line as a whole. */
  field: string;
  /** A stable code the app words: 'columns', 'duplicate', or the schema's own code. */
  code: string;
}

export type UserCsvResult = { ok: true; users: NewUser[] } | { ok: false; problems: CsvProblem[] };

const HEADER = /^\s*(username|tên đăng nhập)\s*[,;]/i;

/** A line that passed the schema, with its number for the problems found after parsing. */
export interface CsvRow {
  line: number;
  user: NewUser;
}

/**
 * Every line read: those that passed the schema and the problems of the others. The app checks
 * the good rows further against what the phone knows (units, scope) so that the administrator sees
 * all problems of the sheet at once, not one round trip at a time.
 */
export function readUserCsv(text: string): { rows: CsvRow[]; problems: CsvProblem[] } {
  const { lines, separator } = csvLines(text);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  lines.forEach((line, index) => {
    const number = index + 1;
    if (line.trim() === '' || (index === 0 && HEADER.test(line))) return;
    const values = csvCells(line, separator);
    if (values.length < 3 || values.length > 4) {
      problems.push({ line: number, field: '', code: 'columns' });
      return;
    }
    const [username = '', orgUnitId = '', role = '', displayName = ''] = values;
    const parsed = NewUser.safeParse({
      username: username.toLowerCase(),
      orgUnitId,
      role,
      displayName: displayName || username.toLowerCase(),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ line: number, field: String(issue.path[0] ?? ''), code: issue.code });
      return;
    }
    const first = seen.get(parsed.data.username);
    if (first !== undefined) problems.push({ line: number, field: 'username', code: 'duplicate' });
    else seen.set(parsed.data.username, number);
    rows.push({ line: number, user: parsed.data });
  });
  return { rows, problems };
}

export function parseUserCsv(text: string): UserCsvResult {
  const { rows, problems } = readUserCsv(text);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, users: rows.map((row) => row.user) };
}
