// The real files shipped in data/, parsed once for the shared-core tests.
import templateJson from '../../../data/template-cds-xa-2025.json';
import unitsJson from '../../../data/units-ninh-thuan-2025-03.json';
import { flattenUnitTree } from '../../../src/shared/hierarchy/paths';
import { UnitTreeNode, type OrgUnit } from '../../../src/shared/schemas/org';
import { Template } from '../../../src/shared/schemas/template';

/** A fresh deep copy each time, so a test may mutate it freely. */
export function rawTemplate(): Record<string, unknown> {
  return structuredClone<Record<string, unknown>>(templateJson);
}

export function rawUnits(): unknown {
  return structuredClone(unitsJson);
}

export const shippedTemplate: Template = Template.parse(templateJson);

/** Ninh Thuận as shipped: province → 7 districts → 62 communes. */
export const threeLevelTree: UnitTreeNode = UnitTreeNode.parse(unitsJson);

/**
 * The same province after the district level is abolished (as in July 2025): the communes hang
 * directly under the province.
 */
export const twoLevelTree: UnitTreeNode = {
  ...threeLevelTree,
  children: (threeLevelTree.children ?? []).flatMap((district) => district.children ?? []),
};

export const threeLevelUnits: OrgUnit[] = flattenUnitTree(threeLevelTree);
export const twoLevelUnits: OrgUnit[] = flattenUnitTree(twoLevelTree);
