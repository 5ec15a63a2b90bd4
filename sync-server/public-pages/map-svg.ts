import { binOf, mapBins, NO_DATA_FILL } from '../../src/shared/map/colours';
import type { MapData } from '../../src/shared/map/schema';
import type { DashboardFigures } from '../../src/shared/reports/figures';
import { escapeHtml } from './results-page';

/**
 * The district map as inline SVG for the public page: each district filled by its average score
 * on the app's own scale, with a title (name and score) that a screen reader and a hover read.
 * Drawn on the server, so it shows without JavaScript. Null when the map is of another unit.
 */
export function publicMapSvg(map: MapData | null, figures: DashboardFigures, label: string) {
  if (!map || map.province.code !== figures.rootId) return '';
  const bins = mapBins('score', figures.maxScore);
  const averages = new Map(figures.units.map((unit) => [unit.unitId, unit.averageScore]));
  const paths = map.districts.map((district) => {
    const value = averages.get(district.code) ?? null;
    const fill = binOf(value, bins)?.fill ?? NO_DATA_FILL;
    const title = `${district.name}: ${value === null ? '–' : value.toLocaleString('vi-VN')}`;
    return `<path d="${district.path}" fill="${fill}" stroke="#374151" stroke-width="2"><title>${escapeHtml(title)}</title></path>`;
  });
  const [, , width, height] = map.viewBox;
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}" style="max-width:24rem;width:100%;height:auto">${paths.join('')}</svg>`;
}
