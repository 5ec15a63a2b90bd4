import { z } from 'zod';
import { UnitCode } from '../schemas/org';

// The shape of the province's GIS file (shared/data/gis-<province>-districts.json): the province
// and its districts as GeoJSON-like MultiPolygons in WGS84 lon/lat. Only what the map build reads
// is checked; other fields pass through unread.

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A closed ring: GeoJSON's rule, which simplification relies on to keep rings closed. */
const LinearRing = z
  .array(Position)
  .min(4)
  .refine(
    (ring) => {
      const first = ring[0];
      const last = ring[ring.length - 1];
      return (
        first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]
      );
    },
    { message: 'a ring must end where it starts' },
  );

const MultiPolygon = z.array(z.array(LinearRing).min(1)).min(1);

export const GisDistrict = z.object({
  level2_id: UnitCode,
  name: z.string().min(1),
  type: z.literal('MultiPolygon'),
  coordinates: MultiPolygon,
});
export type GisDistrict = z.infer<typeof GisDistrict>;

export const GisProvince = z
  .object({
    level1_id: UnitCode,
    name: z.string().min(1),
    level2s: z.array(GisDistrict).min(1),
  })
  .superRefine((province, ctx) => {
    const codes = province.level2s.map((district) => district.level2_id);
    codes.forEach((code, index) => {
      if (codes.indexOf(code) !== index)
        ctx.addIssue({
          code: 'custom',
          path: ['level2s', index, 'level2_id'],
          message: `district ${code} appears twice`,
        });
    });
  });
export type GisProvince = z.infer<typeof GisProvince>;
