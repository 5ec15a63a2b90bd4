// The province's districts as a choropleth: one SVG path per district, filled by its value on a
// fixed five-step scale, named and valued in its <title>, with a legend of the steps below. The
// geometry comes ready to draw (shared/map, simplified at build time), so there is no map library
// and nothing to compute here but colours. Meant to be imported lazily by the dashboard.
import { useId, useState, type KeyboardEvent } from 'react';
import { ensureDashboardMessages } from '../../i18n/dashboard';
import { useTranslation } from 'react-i18next';
import type { MapData, MapDistrict } from '../../../shared/map/schema';
import { useFormat, type Formatters } from '../../ui/format';
import { MapLegend } from './MapLegend';
import {
  binOf,
  mapBins,
  NO_DATA_FILL,
  NO_DATA_HATCH,
  NO_DATA_TEXT,
  type MapMetric,
} from '../../../shared/map/colours';
import { labelLines, shortDistrictName } from './map-labels';
import './district-map.css';

export interface DistrictMapProps {
  map: MapData;
  /** By district code; a district missing here, or null, has no data yet. */
  values: Readonly<Record<string, number | null>>;
  /** `score`: points from 0 to `maxScore`; `completeness`: a percent from 0 to 100. */
  metric: MapMetric;
  /** The template's maximum score; the 2025 commune checklist's is 1,000. */
  maxScore?: number;
  /** Given, the districts are buttons (click, Enter or Space) that report their code. */
  onSelect?: (code: string) => void;
}

/** Label size in viewBox units: about 11 px on a 360 px phone, where the map is 360 px wide. */
const LABEL_SIZE = 30;
const LINE_HEIGHT = 1.15;

function formatValue(metric: MapMetric, value: number, format: Formatters): string {
  return metric === 'completeness' ? format.percent(value) : format.number(value, 1);
}

interface LabelProps {
  district: MapDistrict;
  colour: string;
  /** The district's own fill, as a halo: a long name that spills onto a neighbour stays legible. */
  halo: string;
}

function DistrictLabel({ district, colour, halo }: LabelProps) {
  const lines = labelLines(shortDistrictName(district.name));
  const [x, y] = district.labelAt;
  // Centred on labelAt: the first line starts half the block's height above it.
  const firstDy = -((lines.length - 1) * LINE_HEIGHT) / 2;
  return (
    <text
      x={x}
      y={y}
      className="district-map-label"
      fontSize={LABEL_SIZE}
      fill={colour}
      stroke={halo}
      aria-hidden="true"
    >
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={`${index === 0 ? firstDy + 0.35 : LINE_HEIGHT}em`}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export function DistrictMap({ map, values, metric, maxScore = 1000, onSelect }: DistrictMapProps) {
  ensureDashboardMessages();
  const { t } = useTranslation();
  const format = useFormat();
  // useId's characters are not all safe inside url(#…): keep letters, digits, - and _.
  const hatchId = `district-map-hatch-${useId().replace(/[^\w-]/g, '')}`;
  const bins = mapBins(metric, maxScore);
  // The focused district's outline is drawn again on top: in SVG, later paths cover earlier
  // ones, so its own stroke would be half hidden under its neighbours.
  const [focused, setFocused] = useState<string | null>(null);
  const focusedPath = map.districts.find((district) => district.code === focused)?.path;

  const describe = (district: MapDistrict, value: number | null | undefined) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return t('map.districtNoData', { name: district.name });
    const key = metric === 'score' ? 'map.districtScore' : 'map.districtCompleteness';
    return t(key, { name: district.name, value: formatValue(metric, value, format) });
  };
  const select = (code: string) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onSelect?.(code);
  };
  const shaded = map.districts.map((district) => {
    const value = values[district.code];
    return { district, bin: binOf(value, bins), title: describe(district, value) };
  });

  return (
    <figure className="district-map" data-testid="district-map" data-metric={metric}>
      <svg
        viewBox={map.viewBox.join(' ')}
        role="group"
        aria-label={t('map.label', { province: map.province.name })}
      >
        <defs>
          <pattern id={hatchId} width="12" height="12" patternUnits="userSpaceOnUse">
            <rect width="12" height="12" fill={NO_DATA_FILL} />
            <path d="M0 12L12 0M-3 3L3 -3M9 15L15 9" stroke={NO_DATA_HATCH} strokeWidth="2" />
          </pattern>
        </defs>
        {shaded.map(({ district, bin, title }) => (
          <path
            key={district.code}
            d={district.path}
            className="district-map-area"
            data-code={district.code}
            data-bin={bin ? bins.indexOf(bin) : 'none'}
            fill={bin ? bin.fill : `url(#${hatchId})`}
            fillRule="evenodd"
            role={onSelect ? 'button' : 'img'}
            aria-label={title}
            tabIndex={onSelect ? 0 : undefined}
            onClick={onSelect ? () => onSelect(district.code) : undefined}
            onKeyDown={onSelect ? select(district.code) : undefined}
            onFocus={onSelect ? () => setFocused(district.code) : undefined}
            onBlur={onSelect ? () => setFocused(null) : undefined}
          >
            <title>{title}</title>
          </path>
        ))}
        {focusedPath && (
          <path d={focusedPath} className="district-map-focus" fill="none" aria-hidden="true" />
        )}
        {shaded.map(({ district, bin }) => (
          <DistrictLabel
            key={district.code}
            district={district}
            colour={bin?.text ?? NO_DATA_TEXT}
            halo={bin?.fill ?? NO_DATA_FILL}
          />
        ))}
      </svg>
      <MapLegend metric={metric} bins={bins} />
    </figure>
  );
}
