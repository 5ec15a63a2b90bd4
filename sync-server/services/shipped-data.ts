import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeploymentInfo } from '../../src/shared/api/public';
import { flattenUnitTree } from '../../src/shared/hierarchy/paths';
import { z } from 'zod';
import { VN_PUBLIC_HOLIDAYS } from '../../src/shared/calendar/vn-holidays';
import { MapData } from '../../src/shared/map/schema';
import { IsoDate } from '../../src/shared/schemas/common';
import { UnitTreeNode, type OrgLevel, type OrgUnit } from '../../src/shared/schemas/org';
import type { Template } from '../../src/shared/schemas/template';
import { validateTemplate } from '../../src/shared/template/validate';

export const SHIPPED_UNITS_FILE = 'units-ninh-thuan-2025-03.json';
export const SHIPPED_TEMPLATE_FILE = 'template-cds-xa-2025.json';
/** Optional: made by `npm run map` from the province's polygons; without it there is no map. */
export const SHIPPED_MAP_FILE = 'map-ninh-thuan-districts.json';
/** Optional: the deployment's own days off (replaces the built-in list of src/shared/calendar). */
export const SHIPPED_HOLIDAYS_FILE = 'holidays.json';

/** The holiday file: each day off a weekday's date and its name, as the government announces them. */
export const HolidayFile = z.strictObject({
  holidays: z.array(z.strictObject({ date: IsoDate, name: z.string().min(1).max(200) })),
});

export class ShippedDataError extends Error {}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ShippedDataError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The file's JSON, or undefined when there is no such file (any other failure throws). */
async function readOptionalJson(file: string): Promise<unknown> {
  try {
    await access(file);
  } catch {
    return undefined;
  }
  return readJson(file);
}

export interface ShippedData {
  units: OrgUnit[];
  template: Template;
  /** The district map, when the deployment ships one. */
  map: MapData | null;
  /** The weekdays off that working-day periods skip (a public comment period, say). */
  holidays: readonly string[];
}

/**
 * The deployment's holiday list if it ships one, else the built-in one. Each year's Tết and
 * swapped days are announced late in the year before: a province edits its file rather than
 * waiting for a release. A broken file stops the start like any other broken shipped file.
 */
async function loadHolidays(shippedDataDir: string): Promise<readonly string[]> {
  const file = path.join(shippedDataDir, SHIPPED_HOLIDAYS_FILE);
  const raw = await readOptionalJson(file);
  if (raw === undefined) return VN_PUBLIC_HOLIDAYS.map((holiday) => holiday.date);
  const parsed = HolidayFile.safeParse(raw);
  if (!parsed.success)
    throw new ShippedDataError(`${file} is not a valid holiday list: ${parsed.error.message}`);
  return parsed.data.holidays.map((holiday) => holiday.date);
}

/**
 * The district map if the deployment ships one. A map that is there but broken, or drawn for
 * another province than the unit tree's, stops the start like any other broken shipped file.
 */
async function loadMap(shippedDataDir: string, units: readonly OrgUnit[]): Promise<MapData | null> {
  const mapFile = path.join(shippedDataDir, SHIPPED_MAP_FILE);
  const raw = await readOptionalJson(mapFile);
  if (raw === undefined) return null;
  const map = MapData.safeParse(raw);
  if (!map.success)
    throw new ShippedDataError(`${mapFile} is not a valid map: ${map.error.message}`);
  const root = units.find((unit) => unit.parentId === null);
  if (root && root.code !== map.data.province.code) {
    throw new ShippedDataError(
      `${mapFile} is a map of province ${map.data.province.code}, the units are of ${root.code}`,
    );
  }
  return map.data;
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
  const units = flattenUnitTree(tree.data);
  return {
    units,
    template: checked.template,
    map: await loadMap(shippedDataDir, units),
    holidays: await loadHolidays(shippedDataDir),
  };
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
