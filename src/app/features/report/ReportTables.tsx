import { useTranslation } from 'react-i18next';
import type { DashboardFigures, StatusKey, UnitFigures } from '../../../shared/reports/figures';
import type { SubmissionScore } from '../../../shared/scoring/score';
import type { Template } from '../../../shared/schemas/template';
import { localized } from '../../i18n';
import { useFormat } from '../../ui/format';
import { displayAnswer } from '../checklist/refusal';

const STATUS_KEYS: readonly StatusKey[] = [
  'notStarted',
  'draft',
  'submitted',
  'returned',
  'approved',
  'accepted',
];

/** A commune's own status: the one its figures count once. */
export function communeStatus(unit: UnitFigures): StatusKey {
  return STATUS_KEYS.find((key) => unit.statusCounts[key] > 0) ?? 'notStarted';
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/** The headline figures of a unit with communes below it. */
export function SummaryTable({ figures, unit }: { figures: DashboardFigures; unit: UnitFigures }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ofExpected = (count: number) =>
    `${format.number(count, 0)}/${format.number(unit.expected, 0)} (${format.percent(share(count, unit.expected))})`;
  return (
    <table className="report-table report-summary" data-testid="report-summary">
      <tbody>
        <tr>
          <th scope="row">{t('report.expected')}</th>
          <td>{format.number(unit.expected, 0)}</td>
        </tr>
        <tr>
          <th scope="row">{t('report.submitted')}</th>
          <td>{ofExpected(unit.submitted)}</td>
        </tr>
        <tr>
          <th scope="row">{t('report.onTime')}</th>
          <td>{ofExpected(unit.onTime)}</td>
        </tr>
        <tr>
          <th scope="row">{t('report.scored')}</th>
          <td>{format.number(unit.scored, 0)}</td>
        </tr>
        <tr>
          <th scope="row">{t('report.average')}</th>
          <td data-testid="report-average">
            {unit.averageScore === null
              ? '–'
              : `${format.number(unit.averageScore)}/${format.number(figures.maxScore, 0)}`}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** Points by pillar: the unit's average (or a commune's own points) against the maximum. */
export function PillarTable(props: {
  figures: DashboardFigures;
  unit: UnitFigures;
  pillarTitle: (pillarId: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { figures, unit } = props;
  return (
    <table className="report-table" data-testid="report-pillars">
      <thead>
        <tr>
          <th scope="col">{t('report.pillar')}</th>
          <th scope="col" className="num">
            {t('report.points')}
          </th>
          <th scope="col" className="num">
            {t('report.maxPoints')}
          </th>
        </tr>
      </thead>
      <tbody>
        {figures.pillars.map((pillar, index) => {
          const average = unit.pillarAverages.find((p) => p.pillarId === pillar.pillarId)?.average;
          return (
            <tr key={pillar.pillarId}>
              <th scope="row">
                {t('report.pillarShort', { n: String(index + 1) })}.{' '}
                {props.pillarTitle(pillar.pillarId)}
              </th>
              <td className="num">
                {average === null || average === undefined ? '–' : format.number(average)}
              </td>
              <td className="num">{format.number(pillar.maxPoints, 0)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The units directly below, best first: what a district's or province's report is mostly about. */
export function ChildrenTable(props: {
  figures: DashboardFigures;
  unit: UnitFigures;
  nameOf: (unit: UnitFigures) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { figures, unit } = props;
  const byId = new Map(figures.units.map((u) => [u.unitId, u]));
  const children = unit.childIds
    .flatMap((id) => byId.get(id) ?? [])
    .sort(
      (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unitId.localeCompare(b.unitId),
    );
  const points = (child: UnitFigures, pillarId: string) => {
    const value = child.pillarAverages.find((p) => p.pillarId === pillarId)?.average;
    return value === null || value === undefined ? '–' : format.number(value, 1);
  };
  return (
    <div className="report-wide">
      <table className="report-table report-children" data-testid="report-children">
        <thead>
          <tr>
            <th scope="col">{t('report.rank')}</th>
            <th scope="col">{t('report.unit')}</th>
            <th scope="col" className="num">
              {t('report.sentOnTime')}
            </th>
            <th scope="col" className="num">
              {t('report.score')}
            </th>
            {figures.pillars.map((pillar, index) => (
              <th key={pillar.pillarId} scope="col" className="num">
                {t('report.pillarShort', { n: String(index + 1) })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children.map((child) => {
            const value = child.level === 'commune' ? child.score : child.averageScore;
            return (
              <tr key={child.unitId} data-testid={`report-row-${child.unitId}`}>
                <td className="num">{child.rank === null ? '–' : format.number(child.rank, 0)}</td>
                <th scope="row">
                  {props.nameOf(child)}
                  {child.level === 'commune' ? (
                    <span className="report-status">
                      {' '}
                      · {t(`review.status_${communeStatus(child)}`)}
                    </span>
                  ) : null}
                </th>
                <td className="num">
                  {format.number(child.submitted, 0)}/{format.number(child.expected, 0)} ·{' '}
                  {format.number(child.onTime, 0)}
                </td>
                <td className="num">{value === null ? '–' : format.number(value)}</td>
                {figures.pillars.map((pillar) => (
                  <td key={pillar.pillarId} className="num">
                    {points(child, pillar.pillarId)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A commune's answers scored, indicator by indicator: for those who may read its work. */
export function IndicatorTable(props: {
  template: Template;
  answers: ReadonlyMap<string, { value: unknown }>;
  score: SubmissionScore;
  evidenceCounts: ReadonlyMap<string, number>;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const language = i18n.language;
  return (
    <div className="report-wide">
      <table className="report-table report-indicators" data-testid="report-indicators">
        <thead>
          <tr>
            <th scope="col">{t('report.indicator')}</th>
            <th scope="col">{t('report.answer')}</th>
            <th scope="col" className="num">
              {t('report.points')}
            </th>
            <th scope="col" className="num">
              {t('report.evidence')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.template.pillars.flatMap((pillar) =>
            pillar.indicators.map((indicator) => {
              const scored = props.score.indicators[indicator.id];
              const answer = props.answers.get(indicator.id);
              return (
                <tr key={indicator.id} data-testid={`report-indicator-${indicator.id}`}>
                  <th scope="row">
                    {indicator.id}. {localized(indicator.title, language)}
                  </th>
                  <td>
                    {displayAnswer(t, indicator, answer?.value, language) ?? t('report.noAnswer')}
                  </td>
                  <td className="num">
                    {format.number(scored?.points ?? 0)}/{format.number(indicator.maxPoints, 0)}
                  </td>
                  <td className="num">
                    {format.number(props.evidenceCounts.get(indicator.id) ?? 0, 0)}
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}
