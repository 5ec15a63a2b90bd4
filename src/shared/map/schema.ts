import { z } from 'zod';
import { UnitCode } from '../schemas/org';

/**
 * One ring after another, each `M x y`, then `L x y` at least twice, then `Z`: exactly what
 * svg-path.ts writes. Checked where the map enters the app, so that nothing but coordinates
 * reaches the DOM; each token starts with its own letter, so the match is linear in the length.
 */
const SVG_RING_PATH =
  /^(?:M-?\d+(?:\.\d+)? -?\d+(?:\.\d+)?(?:L-?\d+(?:\.\d+)? -?\d+(?:\.\d+)?){2,}Z)+$/;

const Coordinate = z.number().finite();

export const MapDistrict = z.object({
  /** The district's unit code (GSO), as in the unit hierarchy: '582'. */
  code: UnitCode,
  name: z.string().min(1),
  /** SVG path data in viewBox units, one subpath per ring (outer rings and holes). */
  path: z.string().regex(SVG_RING_PATH, { message: 'must be M…L…Z rings' }),
  /** Where the district's name is written, inside its largest part. */
  labelAt: z.tuple([Coordinate, Coordinate]),
});
export type MapDistrict = z.infer<typeof MapDistrict>;

/**
 * `GET /api/public/map` and `data/map-<province>-districts.json`: the province's districts as SVG
 * paths, projected and simplified at build time (scripts/simplify-map.ts), so the app draws them
 * without a projection library and without a megabyte of polygons.
 */
export const MapData = z
  .object({
    /** Where the polygons came from and how they were reduced, for the credits. */
    source: z.string(),
    province: z.object({ code: UnitCode, name: z.string().min(1) }),
    /** [minX, minY, width, height], as SVG's viewBox attribute reads it. */
    viewBox: z.tuple([z.literal(0), z.literal(0), z.number().positive(), z.number().positive()]),
    districts: z.array(MapDistrict).min(1),
  })
  .superRefine((map, ctx) => {
    const seen = new Set<string>();
    map.districts.forEach((district, index) => {
      if (seen.has(district.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['districts', index, 'code'],
          message: `district ${district.code} appears twice`,
        });
      }
      seen.add(district.code);
    });
  });
export type MapData = z.infer<typeof MapData>;
