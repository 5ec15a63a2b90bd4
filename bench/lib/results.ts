import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../results');

/**
 * Merges figures into `bench/results/<name>.json`, so separate benchmarks can each own some keys
 * of one file. Every file records when and on what machine it was measured.
 */
export async function writeResults(
  name: string,
  figures: Record<string, unknown>,
): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // first run
  }
  const merged = {
    ...existing,
    ...figures,
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
    },
  };
  await writeFile(file, `${JSON.stringify(merged, null, 2)}\n`);
  return file;
}

/** When and from which commit one section of a results file was measured: sections of one file
 * are measured by separate runs, so the file's own `measuredAt` does not date them. */
export function stamp(): { measuredAt: string; commit: string } {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: path.resolve(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
    }).trim();
  } catch {
    // not a git checkout
  }
  return { measuredAt: new Date().toISOString(), commit };
}
