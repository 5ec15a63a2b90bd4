import { z } from 'zod';

/**
 * The administrative levels. Depth is data, not code: a deployment may be province → district →
 * commune (before July 2025) or province → commune (after), with villages optionally below; a
 * national one (the ministry's) has the country above its provinces.
 */
export const OrgLevel = z.enum(['country', 'province', 'district', 'commune', 'village']);
export type OrgLevel = z.infer<typeof OrgLevel>;

/**
 * A unit code (GSO codes such as "58", "584", "22783"). Slashes are excluded because codes are
 * the segments of materialised paths.
 */
export const UnitCode = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be letters, digits, - or _' });

/** A materialised path of codes, root first, with leading and trailing slashes: "/58/584/22783/". */
export const OrgPath = z
  .string()
  .regex(/^\/(?:[A-Za-z0-9_-]{1,32}\/)+$/, { message: 'must look like /58/584/22783/' });

export const OrgUnit = z
  .strictObject({
    id: UnitCode,
    code: UnitCode,
    name: z.string().min(1),
    nameEn: z.string().optional(),
    fullName: z.string().optional(),
    level: OrgLevel,
    parentId: UnitCode.nullable(),
    path: OrgPath,
  })
  .superRefine((unit, ctx) => {
    // The id is the code so that paths, foreign keys and the GSO lists all speak the same language.
    if (unit.id !== unit.code) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: 'must equal the code',
        params: { code: 'id_not_code' },
      });
    }
    if (!unit.path.endsWith(`/${unit.code}/`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['path'],
        message: 'must end with the unit code',
        params: { code: 'path_mismatch' },
      });
    }
    const segments = unit.path.split('/').filter((s) => s.length > 0);
    const parentCode = segments.length > 1 ? segments[segments.length - 2] : null;
    if ((parentCode ?? null) !== unit.parentId) {
      ctx.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: 'must be the code before the last in the path',
        params: { code: 'path_mismatch' },
      });
    }
  });
export type OrgUnit = z.infer<typeof OrgUnit>;

/** The nested form shipped in data/units-*.json: each unit lists its children. */
export interface UnitTreeNode {
  code: string;
  name: string;
  nameEn?: string | undefined;
  fullName?: string | undefined;
  level: OrgLevel;
  children?: UnitTreeNode[] | undefined;
}

export const UnitTreeNode: z.ZodType<UnitTreeNode> = z.strictObject({
  code: UnitCode,
  name: z.string().min(1),
  nameEn: z.string().optional(),
  fullName: z.string().optional(),
  level: OrgLevel,
  get children() {
    return z.array(UnitTreeNode).optional();
  },
});
