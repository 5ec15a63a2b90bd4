// A deployment's own shipped data for a 2-level tree (since July 2025 a province's communes sit
// directly under it), built from the shipped 3-level Ninh Thuận tree so names and codes stay real.
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UnitTreeNode } from '../../src/shared/schemas/org';
import { SHIPPED_TEMPLATE_FILE, SHIPPED_UNITS_FILE } from '../../sync-server/services/shipped-data';

const shippedDir = path.resolve(import.meta.dirname, '../../data');

/**
 * Writes a temp dir for `SHIPPED_DATA_DIR`: the shipped template, and a tree whose root is the
 * province with the given communes as its only children (the districts dropped). Returns the dir.
 */
export async function writeTwoLevelShippedData(communeCodes: readonly string[]): Promise<string> {
  const tree = UnitTreeNode.parse(
    JSON.parse(await readFile(path.join(shippedDir, SHIPPED_UNITS_FILE), 'utf8')),
  );
  const communes = (tree.children ?? []).flatMap((district) => district.children ?? []);
  const children = communeCodes.map((code) => {
    const commune = communes.find((unit) => unit.code === code);
    if (!commune) throw new Error(`no commune ${code} in the shipped tree`);
    return commune;
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-shipped-2-level-'));
  const twoLevel: UnitTreeNode = { ...tree, children };
  await writeFile(path.join(dir, SHIPPED_UNITS_FILE), JSON.stringify(twoLevel, null, 2));
  await copyFile(
    path.join(shippedDir, SHIPPED_TEMPLATE_FILE),
    path.join(dir, SHIPPED_TEMPLATE_FILE),
  );
  return dir;
}
