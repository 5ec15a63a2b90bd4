import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Indicator } from '../../../shared/schemas/template';
import type { IndicatorScore } from '../../../shared/scoring/score';
import { evidenceStatus } from '../../../shared/scoring/score';
import { localized } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { answerFormSchema, toFormValues, type AnswerFormValues } from './answer-form';
import { AnswerInput } from './inputs/AnswerInput';
import type { OutboxEntry } from '../../db/database';
import { displayAnswer, refusalReason } from './refusal';
import type { EvidenceItem, ReviewItem, StoredAnswer } from './use-checklist';
import { useAutosave, type AnswerFields } from './use-autosave';

export interface IndicatorCardProps {
  indicator: Indicator;
  stored: StoredAnswer;
  evidence: EvidenceItem[];
  score: IndicatorScore | undefined;
  reviews: ReviewItem[];
  editable: boolean;
  /** This indicator's answer changes the server refused and the officer has not yet dismissed. */
  refusals?: OutboxEntry[];
  onDismissRefusal?: (mutationId: string) => void;
  /** Resolves with the revision the saved answer record got on the phone. */
  onSave: (indicatorId: string, fields: AnswerFields) => Promise<number | undefined>;
  /** Extra content under the answer, e.g. the evidence gallery. */
  children?: React.ReactNode;
}

function EvidenceLine({ indicator, evidence }: { indicator: Indicator; evidence: EvidenceItem[] }) {
  const { t } = useTranslation();
  const photos = evidence.filter((item) => item.mime !== 'application/pdf').length;
  const status = evidenceStatus(indicator, { photos, documents: evidence.length - photos });
  if (!status.required)
    return <p className="evidence-line muted">{t('checklist.evidenceOptional')}</p>;
  const need =
    status.needPhotos > 0
      ? t('checklist.evidenceRequired', { count: status.needPhotos })
      : t('checklist.evidenceRequiredAny');
  return (
    <p
      className={status.met ? 'evidence-line ok' : 'evidence-line warn'}
      data-testid={`evidence-status-${indicator.id}`}
    >
      {need} · {status.met ? t('checklist.evidenceMet') : t('checklist.evidenceMissing')}
    </p>
  );
}

/**
 * A refused answer, said plainly: which value the server did not take, why, and the value the
 * phone shows again now (the server's).
 */
function RefusalNote({
  indicator,
  entry,
  stored,
  onDismiss,
}: {
  indicator: Indicator;
  entry: OutboxEntry;
  stored: StoredAnswer;
  onDismiss: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  if (entry.mutation.type !== 'answer.set') return null;
  const fields = entry.mutation.fields;
  const refused =
    'value' in fields
      ? (displayAnswer(t, indicator, fields.value, language) ?? t('refused.cleared'))
      : t('refused.noteOnly');
  const held = displayAnswer(t, indicator, stored.value, language);
  return (
    <div className="refusal" role="alert" data-testid={`refusal-${indicator.id}`}>
      <p>
        {t('refused.answer', { value: refused, reason: refusalReason(t, entry, indicator) })}{' '}
        {held === null
          ? t('refused.serverHoldsNothing')
          : t('refused.serverHolds', { value: held })}
      </p>
      {onDismiss ? (
        <button type="button" className="secondary small" onClick={onDismiss}>
          {t('refused.dismiss')}
        </button>
      ) : null}
    </div>
  );
}

export function IndicatorCard({
  indicator,
  stored,
  evidence,
  score,
  reviews,
  editable,
  refusals = [],
  onDismissRefusal,
  onSave,
  children,
}: IndicatorCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const schema = useMemo(() => answerFormSchema(indicator), [indicator]);
  const form = useForm<AnswerFormValues>({
    defaultValues: toFormValues(indicator, stored.value, stored.note),
    resolver: zodResolver(schema),
    mode: 'onChange',
  });
  useAutosave(form, indicator, stored, (fields) => onSave(indicator.id, fields));
  // Radios cannot be unticked: a choice answer gets its own way back to "not answered".
  const raw = useWatch({ control: form.control, name: 'raw' });
  const hasChoices = editable && (indicator.type === 'boolean' || indicator.type === 'choice');
  const idPrefix = `ind-${indicator.id.replace(/[^a-zA-Z0-9]/g, '-')}`;
  const hint = indicator.evidence.hint ? localized(indicator.evidence.hint, language) : null;

  return (
    <article
      className="indicator"
      aria-labelledby={`${idPrefix}-title`}
      data-testid={`indicator-${indicator.id}`}
    >
      <header className="indicator-head">
        <h3 id={`${idPrefix}-title`}>
          <span className="indicator-id">{indicator.id}</span>{' '}
          {localized(indicator.title, language)}
        </h3>
        <span className="points" data-testid={`points-${indicator.id}`}>
          {t('checklist.indicatorPoints', {
            points: formatNumber(score?.points ?? 0, language),
            max: formatNumber(indicator.maxPoints, language),
          })}
        </span>
      </header>
      {reviews.map((review) => (
        <p className="review-note" key={review.id} role="note">
          <strong>{t('checklist.reviewerSays', { name: review.byName ?? '' })}:</strong>{' '}
          {review.reason}
        </p>
      ))}
      {refusals.map((entry) => (
        <RefusalNote
          key={entry.mutationId}
          indicator={indicator}
          entry={entry}
          stored={stored}
          onDismiss={onDismissRefusal ? () => onDismissRefusal(entry.mutationId) : undefined}
        />
      ))}
      <form onSubmit={(event) => event.preventDefault()} noValidate>
        <AnswerInput
          indicator={indicator}
          register={form.register}
          errors={form.formState.errors}
          disabled={!editable}
          idPrefix={idPrefix}
        />
        {hasChoices ? (
          // Always laid out, hidden while there is nothing to clear: the page must not jump under
          // the officer's thumb when an answer is ticked.
          <button
            type="button"
            className="link-button small"
            hidden={raw === ''}
            style={raw === '' ? { display: 'block', visibility: 'hidden' } : undefined}
            onClick={() => form.setValue('raw', '', { shouldDirty: true })}
          >
            {t('input.clear')}
          </button>
        ) : null}
        <div className="field">
          <label htmlFor={`${idPrefix}-note`}>{t('checklist.note')}</label>
          <input
            id={`${idPrefix}-note`}
            disabled={!editable}
            autoComplete="off"
            aria-invalid={Boolean(form.formState.errors.note)}
            {...form.register('note')}
          />
          {form.formState.errors.note?.message ? (
            <p className="field-error" role="alert">
              {t(`input.${form.formState.errors.note.message}` as 'input.error_text')}
            </p>
          ) : null}
        </div>
      </form>
      <EvidenceLine indicator={indicator} evidence={evidence} />
      {hint ? <p className="hint muted">{hint}</p> : null}
      {children}
    </article>
  );
}
