import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeploymentInfo } from '../../src/shared/api/public';
import { flattenUnitTree } from '../../src/shared/hierarchy/paths';
import { UnitTreeNode, type OrgLevel, type OrgUnit } from '../../src/shared/schemas/org';
import type { Template } from '../../src/shared/schemas/template';
import { validateTemplate } from '../../src/shared/template/validate';

export const SHIPPED_UNITS_FILE = 'units-ninh-thuan-2025-03.json';
export const SHIPPED_TEMPLATE_FILE = 'template-cds-xa-2025.json';

export class ShippedDataError extends Error {}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ShippedDataError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export interface ShippedData {
  units: OrgUnit[];
  template: Template;
}

/**
 * Loads and validates the defaults that ship in `data/`. A broken file stops the server at
 * start with every problem listed, rather than serving a half-valid checklist.
 */
export async function loadShippedData(shippedDataDir: string): Promise<ShippedData> {
  const unitsFile = path.join(shippedDataDir, SHIPPED_UNITS_FILE);
  const tree = UnitTreeNode.safeParse(await readJson(unitsFile));
  if (!tree.success) {
    throw new ShippedDataError(`${unitsFile} is not a valid unit tree: ${tree.error.message}`);
  }
  const templateFile = path.join(shippedDataDir, SHIPPED_TEMPLATE_FILE);
  const checked = validateTemplate(await readJson(templateFile));
  if (!checked.ok) {
    const lines = checked.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
    throw new ShippedDataError(`${templateFile} is not a valid template:\n${lines}`);
  }
  return { units: flattenUnitTree(tree.data), template: checked.template };
}

export function describeDeployment({ units, template }: ShippedData): DeploymentInfo {
  const root = units.find((unit) => unit.parentId === null);
  if (!root) throw new ShippedDataError('the unit hierarchy has no root');
  const unitCounts: Record<string, number> = {};
  const levels: OrgLevel[] = [];
  for (const unit of units) {
    unitCounts[unit.level] = (unitCounts[unit.level] ?? 0) + 1;
    if (!levels.includes(unit.level)) levels.push(unit.level);
  }
  return {
    product: 'Minh Chứng',
    province: { code: root.code, name: root.name, fullName: root.fullName },
    levels,
    unitCounts,
    template,
    unitsSource: {
      vi: 'Danh mục đơn vị hành chính: ThangLeQuoc/vietnamese-provinces-database (MIT), hiệu lực 01/03/2025',
      en: 'Administrative units: ThangLeQuoc/vietnamese-provinces-database (MIT), as of 2025-03-01',
    },
  };
}
