import { useTranslation } from 'react-i18next';
import { changeLanguage, SUPPORTED_LANGUAGES, type Language } from '../i18n';

/** `compact`: two-letter codes, for the one-line app bar on a 360-px phone. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <label className={compact ? 'language-switch compact' : 'language-switch'}>
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={i18n.language}
        onChange={(event) => void changeLanguage(event.target.value as Language)}
        aria-label={t('language.label')}
      >
        {SUPPORTED_LANGUAGES.map((language) => (
          <option key={language} value={language} aria-label={t(`language.${language}`)}>
            {compact ? language.toUpperCase() : t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
