import { z } from 'zod';
import { adminCall, type Connection } from '../../api/admin-call';
import {
  UnitImportOutcome,
  UnitImportProblemSchema,
  UnitMergeRecord,
  UnitTree,
  type NewUnitMerge,
  type UnitImportRequest,
  type UnitRename,
} from '../../../shared/api/units';
import { OrgUnit } from '../../../shared/schemas/org';

export const loadUnitTree = (c: Connection) => adminCall(UnitTree, c, '/api/admin/units');

export const importUnits = (c: Connection, request: UnitImportRequest) =>
  adminCall(UnitImportOutcome, c, '/api/admin/units/import', request);

export const renameUnit = (c: Connection, unitId: string, rename: UnitRename) =>
  adminCall(OrgUnit, c, `/api/admin/units/${encodeURIComponent(unitId)}/name`, rename);

export const mergeUnits = (c: Connection, merge: NewUnitMerge) =>
  adminCall(UnitMergeRecord, c, '/api/admin/units/merges', merge);

/** What a refused import or merge carries in its details. */
export const ImportRefusal = z.object({ problems: z.array(UnitImportProblemSchema) });
export const MergeRefusal = z.object({ refusal: z.string(), unit: z.string() });
