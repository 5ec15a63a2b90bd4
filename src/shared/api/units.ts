import { z } from 'zod';
import { IsoDate } from '../schemas/common';
import { OrgUnit, UnitCode } from '../schemas/org';

/**
 * The administrator's unit tree (`/api/admin/units…`, action `orgUnit.manage`): browse, import
 * from a file, rename, and merge. Import problems and merge refusals travel as stable codes that
 * the app words (src/shared/hierarchy/unit-import.ts, merge.ts).
 */

export const UnitMergeRecord = z.object({
  id: z.string(),
  target: z.string(),
  sources: z.array(z.string()),
  effectiveOn: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type UnitMergeRecord = z.infer<typeof UnitMergeRecord>;

export const UnitTree = z.object({
  /** The actor's unit and everything below it, in path order. */
  units: z.array(OrgUnit),
  /** Merges touching those units, oldest first. */
  merges: z.array(UnitMergeRecord),
});
export type UnitTree = z.infer<typeof UnitTree>;

/** A file's text, as the administrator picked it; `dryRun` answers with the plan and writes nothing. */
export const UnitImportRequest = z.strictObject({
  format: z.enum(['json', 'csv']),
  text: z.string().min(1).max(2_000_000),
  dryRun: z.boolean(),
});
export type UnitImportRequest = z.infer<typeof UnitImportRequest>;

export const UnitImportProblemSchema = z.object({
  at: z.string(),
  code: z.string(),
  unit: z.string().optional(),
});

export const UnitImportOutcome = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    applied: z.boolean(),
    added: z.array(z.object({ code: z.string(), name: z.string(), path: z.string() })),
    renamed: z.array(z.object({ code: z.string(), from: z.string(), to: z.string() })),
    unchanged: z.number().int().min(0),
  }),
  z.object({ ok: z.literal(false), problems: z.array(UnitImportProblemSchema) }),
]);
export type UnitImportOutcome = z.infer<typeof UnitImportOutcome>;

export const UnitRename = z.strictObject({
  name: z.string().trim().min(1).max(200),
  fullName: z.string().trim().min(1).max(300).optional(),
});
export type UnitRename = z.infer<typeof UnitRename>;

export const NewUnitMerge = z.strictObject({
  sources: z.array(UnitCode).min(1).max(100),
  target: UnitCode,
  effectiveOn: IsoDate,
});
export type NewUnitMerge = z.infer<typeof NewUnitMerge>;
