import type { ReactNode } from 'react';
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

interface FieldA11y {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled input with its error message, wired for screen readers. */
function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: (a11y: FieldA11y) => ReactNode;
}) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': error ? errorId : undefined,
      })}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

/** The right input for each indicator type; inputmode brings up the numeric keypad on phones. */
export function AnswerInput({ indicator, register, errors, disabled, idPrefix }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rawError = errors.raw?.message;

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
        <Field id={`${idPrefix}-raw`} label={label} error={rawError}>
          {(a11y) => (
            <input
              {...a11y}
              inputMode={indicator.type === 'count' ? 'numeric' : 'decimal'}
              autoComplete="off"
              disabled={disabled}
              {...register('raw')}
            />
          )}
        </Field>
      );
    }
    case 'ratio':
      return (
        <div className="ratio">
          <Field
            id={`${idPrefix}-num`}
            label={localized(indicator.numerator, language)}
            error={errors.numerator?.message}
          >
            {(a11y) => (
              <input
                {...a11y}
                inputMode="decimal"
                autoComplete="off"
                disabled={disabled}
                {...register('numerator', { deps: ['denominator'] })}
              />
            )}
          </Field>
          <Field
            id={`${idPrefix}-den`}
            label={localized(indicator.denominator, language)}
            error={errors.denominator?.message}
          >
            {(a11y) => (
              <input
                {...a11y}
                inputMode="decimal"
                autoComplete="off"
                disabled={disabled}
                {...register('denominator', { deps: ['numerator'] })}
              />
            )}
          </Field>
        </div>
      );
    case 'text':
      return (
        <Field id={`${idPrefix}-raw`} label={t('input.text')} error={rawError}>
          {(a11y) => <textarea {...a11y} rows={3} disabled={disabled} {...register('raw')} />}
        </Field>
      );
    case 'date':
      return (
        <Field id={`${idPrefix}-raw`} label={t('input.date')} error={rawError}>
          {(a11y) => <input {...a11y} type="date" disabled={disabled} {...register('raw')} />}
        </Field>
      );
  }
}
