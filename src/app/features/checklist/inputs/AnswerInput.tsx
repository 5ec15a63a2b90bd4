import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Indicator } from '../../../../shared/schemas/template';
import { localized } from '../../../i18n';
import type { AnswerFormValues } from '../answer-form';

interface Props {
  indicator: Indicator;
  register: UseFormRegister<AnswerFormValues>;
  errors: FieldErrors<AnswerFormValues>;
  disabled: boolean;
  /** Prefix for element ids, unique per indicator card. */
  idPrefix: string;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {t(`input.${message}` as 'input.error_number')}
    </p>
  );
}

/** The right input for each indicator type; inputmode brings up the numeric keypad on phones. */
export function AnswerInput({ indicator, register, errors, disabled, idPrefix }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rawError = errors.raw?.message;
  const describedBy = rawError ? `${idPrefix}-raw-error` : undefined;

  switch (indicator.type) {
    case 'boolean':
      return (
        <fieldset className="choices" disabled={disabled}>
          <legend className="visually-hidden">{localized(indicator.title, language)}</legend>
          <label>
            <input type="radio" value="yes" {...register('raw')} /> {t('input.yes')}
          </label>
          <label>
            <input type="radio" value="no" {...register('raw')} /> {t('input.no')}
          </label>
        </fieldset>
      );
    case 'choice':
      return (
        <fieldset className="choices" disabled={disabled}>
          <legend className="visually-hidden">{localized(indicator.title, language)}</legend>
          {indicator.options.map((option) => (
            <label key={option.value}>
              <input type="radio" value={option.value} {...register('raw')} />{' '}
              {localized(option.label, language)}
            </label>
          ))}
        </fieldset>
      );
    case 'count':
    case 'percent': {
      const label =
        indicator.type === 'count'
          ? indicator.unit
            ? localized(indicator.unit, language)
            : t('input.count')
          : t('input.percent');
      return (
        <div className="field">
          <label htmlFor={`${idPrefix}-raw`}>{label}</label>
          <input
            id={`${idPrefix}-raw`}
            inputMode={indicator.type === 'count' ? 'numeric' : 'decimal'}
            autoComplete="off"
            disabled={disabled}
            aria-invalid={Boolean(rawError)}
            aria-describedby={describedBy}
            {...register('raw')}
          />
          <FieldError id={`${idPrefix}-raw-error`} message={rawError} />
        </div>
      );
    }
    case 'ratio':
      return (
        <div className="ratio">
          <div className="field">
            <label htmlFor={`${idPrefix}-num`}>{localized(indicator.numerator, language)}</label>
            <input
              id={`${idPrefix}-num`}
              inputMode="decimal"
              autoComplete="off"
              disabled={disabled}
              aria-invalid={Boolean(errors.numerator)}
              {...register('numerator', { deps: ['denominator'] })}
            />
            <FieldError id={`${idPrefix}-num-error`} message={errors.numerator?.message} />
          </div>
          <div className="field">
            <label htmlFor={`${idPrefix}-den`}>{localized(indicator.denominator, language)}</label>
            <input
              id={`${idPrefix}-den`}
              inputMode="decimal"
              autoComplete="off"
              disabled={disabled}
              aria-invalid={Boolean(errors.denominator)}
              {...register('denominator', { deps: ['numerator'] })}
            />
            <FieldError id={`${idPrefix}-den-error`} message={errors.denominator?.message} />
          </div>
        </div>
      );
    case 'text':
      return (
        <div className="field">
          <label htmlFor={`${idPrefix}-raw`}>{t('input.text')}</label>
          <textarea
            id={`${idPrefix}-raw`}
            rows={3}
            disabled={disabled}
            aria-invalid={Boolean(rawError)}
            aria-describedby={describedBy}
            {...register('raw')}
          />
          <FieldError id={`${idPrefix}-raw-error`} message={rawError} />
        </div>
      );
    case 'date':
      return (
        <div className="field">
          <label htmlFor={`${idPrefix}-raw`}>{t('input.date')}</label>
          <input
            id={`${idPrefix}-raw`}
            type="date"
            disabled={disabled}
            aria-invalid={Boolean(rawError)}
            aria-describedby={describedBy}
            {...register('raw')}
          />
          <FieldError id={`${idPrefix}-raw-error`} message={rawError} />
        </div>
      );
  }
}
