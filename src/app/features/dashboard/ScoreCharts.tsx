import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardFigures } from '../../../shared/reports/figures';
import { useFormat } from '../../ui/format';

// Only the parts a bar chart needs: Chart.js tree-shakes to these (its full build is ~200 KB).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const BAR_COLOUR = '#b91c1c';

/** One bar chart on a canvas; the numbers it draws are in the tables above (screen readers). */
function BarChart(props: { labels: string[]; values: number[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { labels, values, label } = props;
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: { labels, datasets: [{ label, data: values, backgroundColor: BAR_COLOUR }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        // Ten score ranges read best as rows on a narrow screen.
        indexAxis: 'y',
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } },
        plugins: { tooltip: { enabled: true } },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [labels, values, label]);
  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/**
 * The distribution of totals, drawn; loaded after the figures. (The pillar averages stay a table:
 * eight long pillar names do not fit beside bars on a 360-px phone.)
 */
export function ScoreCharts(props: { figures: DashboardFigures }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { figures } = props;
  // Stable arrays while the figures are the same: a new array would redraw the canvas.
  const charts = useMemo(
    () => ({
      bins: figures.distribution.map((bin) =>
        t('dashboard.binLabel', { from: format.number(bin.from, 0), to: format.number(bin.to, 0) }),
      ),
      counts: figures.distribution.map((bin) => bin.count),
    }),
    [figures, t, format],
  );
  return (
    <section className="card" aria-labelledby="distribution-title">
      <h3 id="distribution-title">{t('dashboard.distribution')}</h3>
      <BarChart
        labels={charts.bins}
        values={charts.counts}
        label={t('dashboard.distributionLabel')}
      />
    </section>
  );
}
