import { useLiveQuery } from 'dexie-react-hooks';
import { levelAboveCommune } from '../../../shared/hierarchy/paths';
import { OrgUnit } from '../../../shared/schemas/org';
import type { MinhChungDb } from '../../db/database';

export interface UnitChoices {
  /** The units above the communes (districts in a 3-level tree), each with its communes. */
  groups: { unit: OrgUnit; communes: OrgUnit[] }[];
}

/** The units on the phone (pulled like every record) that a campaign can be assigned to. */
export function useUnitChoices(db: MinhChungDb, rootPath: string): UnitChoices | undefined {
  return useLiveQuery(async () => {
    const units = (await db.records.where('collection').equals('org_unit').toArray())
      .flatMap((record) => {
        const parsed = OrgUnit.safeParse(record.fields);
        return parsed.success ? [parsed.data] : [];
      })
      .filter((unit) => unit.path.startsWith(rootPath))
      .sort((a, b) => a.path.localeCompare(b.path));
    const level = levelAboveCommune(units);
    const parents = units.filter((unit) => unit.level === level);
    return {
      groups: parents.map((unit) => ({
        unit,
        communes: units.filter((u) => u.level === 'commune' && u.parentId === unit.id),
      })),
    };
  }, [db, rootPath]);
}
