import { useTranslation } from 'react-i18next';
import type { DashboardFigures, StatusKey, UnitFigures } from '../../../shared/reports/figures';
import { useFormat } from '../../ui/format';

const STATUS_ORDER: readonly StatusKey[] = [
  'notStarted',
  'draft',
  'submitted',
  'returned',
  'approved',
  'accepted',
];

const share = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/** The headline figures as text and tables: what the charts draw, readable without them. */
export function FiguresSummary(props: {
  figures: DashboardFigures;
  root: UnitFigures;
  pillarTitle: (pillarId: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { figures, root } = props;
  const maxOf = (pillarId: string) =>
    figures.pillars.find((pillar) => pillar.pillarId === pillarId)?.maxPoints ?? 0;
  return (
    <>
      <section className="card kpis">
        <p data-testid="kpi-completeness">
          <span className="small muted">{t('dashboard.completeness')}</span>
          <strong>
            {t('dashboard.completenessValue', {
              done: root.submitted,
              expected: root.expected,
              percent: format.percent(share(root.submitted, root.expected)),
            })}
          </strong>
        </p>
        <p data-testid="kpi-timeliness">
          <span className="small muted">{t('dashboard.timeliness')}</span>
          <strong>
            {t('dashboard.completenessValue', {
              done: root.onTime,
              expected: root.expected,
              percent: format.percent(share(root.onTime, root.expected)),
            })}
          </strong>
        </p>
        <p data-testid="kpi-average">
          <span className="small muted">{t('dashboard.average')}</span>
          <strong>
            {root.averageScore === null
              ? t('dashboard.noScored')
              : t('dashboard.averageValue', {
                  score: format.number(root.averageScore),
                  max: format.number(figures.maxScore, 0),
                })}
          </strong>
          <span className="small muted">{t('dashboard.averageNote', { count: root.scored })}</span>
        </p>
      </section>
      <section className="card" aria-labelledby="statuses-title">
        <h3 id="statuses-title">{t('dashboard.statuses')}</h3>
        <ul className="status-counts" data-testid="status-counts">
          {STATUS_ORDER.map((status) => (
            <li key={status} data-testid={`status-count-${status}`}>
              <span>{t(`review.status_${status}`)}</span>
              <strong>{format.number(root.statusCounts[status], 0)}</strong>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="pillars-title">
        <h3 id="pillars-title">{t('dashboard.pillars')}</h3>
        <table className="pillar-table" data-testid="pillar-averages">
          <tbody>
            {root.pillarAverages.map(({ pillarId, average }) => (
              <tr key={pillarId}>
                <th scope="row">{props.pillarTitle(pillarId)}</th>
                <td>
                  {average === null
                    ? '–'
                    : `${format.number(average)}/${format.number(maxOf(pillarId), 0)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
