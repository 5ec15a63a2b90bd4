import { useLiveQuery } from 'dexie-react-hooks';
import type { OrgUnit } from '../../../shared/schemas/org';
import type { MinhChungDb } from '../../db/database';
import { parseUnit } from '../review/records';

/** The units synced to the phone, by id, in tree order (a unit before its children). */
export function useUnits(db: MinhChungDb): ReadonlyMap<string, OrgUnit> | undefined {
  return useLiveQuery(async () => {
    const records = await db.records.where('collection').equals('org_unit').toArray();
    const units = records.flatMap((record) => parseUnit(record) ?? []);
    units.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return new Map(units.map((unit) => [unit.id, unit]));
  }, [db]);
}
