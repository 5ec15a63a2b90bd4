import { useTranslation } from 'react-i18next';
import type { DeploymentInfo } from '../../../shared/api/public';
import { localized } from '../../i18n';
import { formatNumber } from '../../ui/format';

const LEVEL_KEYS = {
  country: 'deployment.unitCount_country',
  province: 'deployment.unitCount_province',
  district: 'deployment.unitCount_district',
  commune: 'deployment.unitCount_commune',
  village: 'deployment.unitCount_village',
} as const;

export function DeploymentSummary({ deployment }: { deployment: DeploymentInfo }) {
  const { t, i18n } = useTranslation();
  const { province, template } = deployment;
  const language = i18n.language;
  const points = (value: number) => formatNumber(value, language);

  return (
    <>
      <section className="card" aria-labelledby="province-heading">
        <p className="eyebrow">{t('deployment.province')}</p>
        <h2 id="province-heading" data-testid="province-name">
          {province.fullName ?? province.name}
        </h2>
        <p className="muted">{t('deployment.hierarchy')}</p>
        <ul className="chips">
          {deployment.levels.map((level) => (
            <li key={level}>
              {t(LEVEL_KEYS[level], { count: deployment.unitCounts[level] ?? 0 })}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="template-heading">
        <p className="eyebrow">{t('deployment.template')}</p>
        <h2 id="template-heading" data-testid="template-title">
          {localized(template.title, language)}
        </h2>
        <p className="muted">
          {t('deployment.templateVersion', { version: formatNumber(template.version, language) })} ·{' '}
          {t('deployment.maxScore', { points: points(template.maxScore) })}
        </p>
        <h3>{t('deployment.pillars')}</h3>
        <ol className="pillar-list" data-testid="pillar-list">
          {template.pillars.map((pillar) => (
            <li key={pillar.id}>
              <span className="pillar-title">{localized(pillar.title, language)}</span>
              <span className="muted">
                {t('deployment.pillarLine', {
                  count: pillar.indicators.length,
                  points: points(pillar.maxPoints),
                })}
              </span>
            </li>
          ))}
        </ol>
      </section>
      {deployment.unitsSource ? (
        <p className="source muted">
          {t('deployment.source')}: {localized(deployment.unitsSource, language)}
        </p>
      ) : null}
    </>
  );
}
