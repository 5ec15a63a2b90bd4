import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateDetail } from '../../../shared/api/templates';
import { localized } from '../../i18n';
import { useFormat } from '../../ui/format';
import { IndicatorCard } from '../checklist/IndicatorCard';
import { PillarJump } from '../checklist/PillarJump';
import type { StoredAnswer } from '../checklist/use-checklist';

/** No answer yet, as a new officer's checklist starts. */
const UNANSWERED: StoredAnswer = { value: null, note: null, rev: 0 };
/** The preview saves nothing: the cards are not editable, and were one to call this, nothing
 * would reach the phone's database or outbox. */
const saveNothing = () => Promise.resolve(undefined);

/**
 * A version's checklist as a commune officer will see it: the officer's own PillarJump and
 * IndicatorCard, read-only. The cards take their data and their save function as props (the
 * screen wires them to the repository), so reusing them here with a save that does nothing and
 * no evidence gallery (which reads the phone's database) has no side effect.
 */
export function TemplatePreview({
  detail,
  onClose,
}: {
  detail: TemplateDetail;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('adminTemplates');
  // The pillar heads read as on the officer's checklist, in its own words.
  const { t: tChecklist } = useTranslation();
  const format = useFormat();
  const language = i18n.language;
  const { template, summary } = detail;
  // Opened from a card far down the list: the preview starts at its own title, not mid-page.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [summary.id]);
  return (
    <section
      className="checklist template-preview"
      aria-labelledby="template-preview-title"
      data-testid="template-preview"
    >
      <div className="card">
        <h2 id="template-preview-title">
          {t('previewTitle', {
            title: localized(template.title, language),
            version: String(summary.version),
          })}
        </h2>
        <p className="small muted">{t('previewExplain')}</p>
        <button
          type="button"
          className="secondary small"
          onClick={onClose}
          data-testid="template-preview-close"
        >
          {t('previewClose')}
        </button>
      </div>
      <PillarJump pillars={template.pillars} />
      {template.pillars.map((pillar) => (
        <section className="pillar" key={pillar.id} aria-labelledby={`pillar-${pillar.id}`}>
          <h2 id={`pillar-${pillar.id}`} className="pillar-head">
            <span>{localized(pillar.title, language)}</span>
            <span className="points">
              {tChecklist('checklist.pillarScore', {
                points: format.number(0),
                max: format.number(pillar.maxPoints),
              })}
            </span>
          </h2>
          {pillar.indicators.map((indicator) => (
            <IndicatorCard
              key={indicator.id}
              indicator={indicator}
              stored={UNANSWERED}
              evidence={[]}
              score={undefined}
              reviews={[]}
              editable={false}
              onSave={saveNothing}
            />
          ))}
        </section>
      ))}
    </section>
  );
}
