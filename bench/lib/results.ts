import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../results');
const ROOT = path.resolve(import.meta.dirname, '../..');

type Section = Record<string, unknown>;

const isSection = (value: unknown): value is Section =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The commit whose code was measured, marked `+dirty` when the worktree had changes. */
function measuredCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--', 'src', 'sync-server', 'bench'],
      {
        cwd: ROOT,
      },
    )
      .toString()
      .trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

/**
 * Merges sections into `bench/results/<name>.json`, so that separate benchmarks can each own some
 * sections of one file. Each section written is stamped with its own `measuredAt`, the commit it
 * measured and the machine; a section not written keeps its old stamp, so a partial run
 * (BENCH_ONLY=…) never makes old figures look new. Files from before per-section stamps carried
 * one file-wide date: their sections inherit it, with the commit unknown.
 */
export async function writeResults(
  name: string,
  sections: Record<string, object>,
): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  let existing: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isSection(parsed)) existing = parsed;
  } catch {
    // first run
  }
  const { measuredAt: legacyDate, machine: legacyMachine, ...oldSections } = existing;
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(oldSections)) {
    merged[key] =
      isSection(value) && legacyDate !== undefined && !('measuredAt' in value)
        ? { ...value, measuredAt: legacyDate, commit: null, machine: legacyMachine ?? null }
        : value;
  }
  const stamp = {
    measuredAt: new Date().toISOString(),
    commit: measuredCommit(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      // A shared machine makes timings indicative only; this says how shared it was.
      loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    },
  };
  for (const [key, figures] of Object.entries(sections)) merged[key] = { ...figures, ...stamp };
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
