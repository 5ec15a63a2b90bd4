// The district map's colour scale: five equal steps from 0 to the metric's maximum, fixed rather
// than fitted to the data, so that a colour means the same on every screen and in every year
// (seven districts fitted to quantiles would always paint somebody dark blue).

export type MapMetric = 'score' | 'completeness';

/**
 * ColorBrewer's YlGnBu (yellow → green → blue), readable with the common colour-vision
 * deficiencies and ordered by lightness so it also reads in greyscale print. Its 5-class fourth
 * step (#2c7fb8) reaches neither 4.5:1 with dark text nor with white, so the 7-class #225ea8
 * stands in for it, and the 7-class #0c2c84 keeps the last step clearly darker than that.
 */
export const SEQUENTIAL_FILLS = ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8', '#0c2c84'] as const;

/** "No data": light grey under a grey hatch, so it is never read as the lightest step. */
export const NO_DATA_FILL = '#f3f4f6';
export const NO_DATA_HATCH = '#9ca3af';

const DARK_TEXT = '#111827';
const LIGHT_TEXT = '#ffffff';

export interface MapBin {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound, except for the last bin, which holds the maximum itself. */
  to: number;
  fill: string;
  /** The label colour on this fill: whichever of dark and white contrasts more. */
  text: string;
}

/** Completeness is a percent, 0–100; a score is in points, 0–maxScore. */
export function metricMaximum(metric: MapMetric, maxScore: number): number {
  return metric === 'completeness' ? 100 : maxScore;
}

export function mapBins(metric: MapMetric, maxScore: number): MapBin[] {
  const maximum = metricMaximum(metric, maxScore);
  const width = maximum / SEQUENTIAL_FILLS.length;
  return SEQUENTIAL_FILLS.map((fill, index) => ({
    from: index * width,
    to: index === SEQUENTIAL_FILLS.length - 1 ? maximum : (index + 1) * width,
    fill,
    text: labelColour(fill),
  }));
}

/**
 * The bin a value falls in, or null when there is no value. Out-of-range values (a template
 * whose maximum changed mid-year) go to the nearest end rather than vanish as "no data".
 */
export function binOf(value: number | null | undefined, bins: readonly MapBin[]): MapBin | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const found = bins.find((bin) => value < bin.to);
  return found ?? bins[bins.length - 1] ?? null;
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

export function labelColour(fill: string): string {
  return contrastRatio(fill, DARK_TEXT) >= contrastRatio(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}

/** The label colour on the no-data fill. */
export const NO_DATA_TEXT = labelColour(NO_DATA_FILL);
