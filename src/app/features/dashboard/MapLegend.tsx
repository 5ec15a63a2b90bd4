import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import {
  NO_DATA_FILL,
  NO_DATA_HATCH,
  type MapBin,
  type MapMetric,
} from '../../../shared/map/colours';

const METRIC_KEYS = {
  score: 'map.metric_score',
  completeness: 'map.metric_completeness',
} as const;

/** The hatch of the map's "no data" pattern, in CSS, for a swatch outside the SVG. */
const NO_DATA_SWATCH = `repeating-linear-gradient(135deg, ${NO_DATA_HATCH} 0 2px, ${NO_DATA_FILL} 2px 6px)`;

/** The steps of the scale, lowest first, then "no data": under the map, in the page's text. */
export function MapLegend({ metric, bins }: { metric: MapMetric; bins: readonly MapBin[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  // A percent sign once, at the end of the range: "20–40%", not "20%–40%".
  const to = (value: number) =>
    metric === 'completeness' ? format.percent(value) : format.number(value, 1);
  return (
    <figcaption className="district-map-legend">
      <span className="district-map-legend-title">{t(METRIC_KEYS[metric])}</span>
      <ul aria-label={t('map.legend')}>
        {bins.map((bin) => (
          <li key={bin.fill} data-testid="map-legend-bin">
            <span className="district-map-swatch" style={{ background: bin.fill }} />
            {t('map.range', { from: format.number(bin.from, 1), to: to(bin.to) })}
          </li>
        ))}
        <li data-testid="map-legend-no-data">
          <span className="district-map-swatch" style={{ background: NO_DATA_SWATCH }} />
          {t('map.noData')}
        </li>
      </ul>
    </figcaption>
  );
}
