import type { Point } from './geometry';

/** A number as SVG path text: no trailing zeros, no "-0". */
function formatNumber(value: number): string {
  return String(Object.is(value, -0) ? 0 : value);
}

/**
 * An SVG path `d` for closed rings: `M x y L x y … Z` per ring, the closing point left to `Z`.
 * Holes are separate subpaths; the map draws with `fill-rule="evenodd"`, so a hole stays a hole
 * whichever way its ring turns (the source's orientation is not checked).
 */
export function ringsToPath(rings: readonly (readonly Point[])[]): string {
  return rings
    .map((ring) => {
      const corners = ring.slice(0, -1);
      const commands = corners.map(
        ([x, y], i) => `${i === 0 ? 'M' : 'L'}${formatNumber(x)} ${formatNumber(y)}`,
      );
      return `${commands.join('')}Z`;
    })
    .join('');
}
