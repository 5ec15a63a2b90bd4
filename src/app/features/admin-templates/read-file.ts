import { TEMPLATE_MAX_BYTES } from '../../../shared/api/templates';

/** What the chosen file turned out to be, before anything is sent. */
export type ReadFile =
  | { kind: 'json'; text: string; value: unknown }
  | { kind: 'notJson'; line: number | null; column: number | null }
  | { kind: 'tooLarge'; size: number }
  | { kind: 'unreadable' };

/**
 * Reads the file on the phone first: a file that is not JSON gets its own sentence (with the line
 * when the browser says it) instead of a round trip, and the parsed value lets the problems name
 * pillars and indicators by their titles.
 */
export async function readTemplateFile(file: Blob): Promise<ReadFile> {
  if (file.size > TEMPLATE_MAX_BYTES) return { kind: 'tooLarge', size: file.size };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { kind: 'unreadable' };
  }
  try {
    const value: unknown = JSON.parse(text);
    return { kind: 'json', text, value };
  } catch (error) {
    // V8 says "… (line 3 column 7)"; other engines differ, and then the line is left out.
    const where = /line (\d+) column (\d+)/.exec(error instanceof Error ? error.message : '');
    return {
      kind: 'notJson',
      line: where ? Number(where[1]) : null,
      column: where ? Number(where[2]) : null,
    };
  }
}
