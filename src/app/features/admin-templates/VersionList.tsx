import { useTranslation } from 'react-i18next';
import type { TemplateVersionSummary } from '../../../shared/api/templates';
import { localized } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { formatWhen } from '../history/describe-entry';

/** One card per stored version, oldest first within a template: cards stack on a 360 px phone
 * where a table of eight columns would not fit. */
export function VersionList({
  versions,
  onPreview,
}: {
  versions: TemplateVersionSummary[];
  onPreview: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('adminTemplates');
  const language = i18n.language;
  if (versions.length === 0) return <p className="muted">{t('versionsEmpty')}</p>;
  return (
    <ul className="template-versions" data-testid="template-versions">
      {versions.map((version) => (
        <li key={version.id} className="card" data-testid={`template-version-${version.id}`}>
          <h3>
            {localized(version.title, language)}
            <span className="chip">{t('version', { version: String(version.version) })}</span>
          </h3>
          <p className="small muted">{version.id}</p>
          <p className="small">
            {t('counts', {
              pillars: formatNumber(version.pillars, language),
              indicators: formatNumber(version.indicators, language),
              max: formatNumber(version.maxScore, language),
            })}
          </p>
          <p className="small">
            {version.importedBy === null
              ? t('shippedAt', { when: formatWhen(version.importedAt, language) })
              : t('importedAt', {
                  when: formatWhen(version.importedAt, language),
                  who: version.importedBy,
                })}
          </p>
          <p className="small" data-testid="template-campaigns">
            {version.campaigns.length === 0
              ? t('usedByNone')
              : t('usedBy', {
                  campaigns: version.campaigns
                    .map(
                      (c) => `${localized(c.title, language)} (${t(`campaignStatus_${c.status}`)})`,
                    )
                    .join('; '),
                })}
          </p>
          <button
            type="button"
            className="secondary small"
            onClick={() => onPreview(version.id)}
            data-testid={`template-preview-${version.id}`}
          >
            {t('preview')}
          </button>
        </li>
      ))}
    </ul>
  );
}
