import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/schemas/template';
import { localized } from '../../i18n';

/**
 * One compact select, sticky under the app bar: 26 indicators over 8 pillars is a long page on a
 * phone, and scrolling back up to find pillar 6 is what officers complained about. The select
 * goes back to its label after a jump, so picking the same pillar again still jumps.
 */
export function PillarJump({ pillars }: { pillars: Template['pillars'] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="pillar-jump">
      <select
        aria-label={t('checklist.jumpToPillar')}
        data-testid="pillar-jump"
        value=""
        onChange={(event) => {
          const target = document.getElementById(`pillar-${event.target.value}`);
          // scroll-margin-top (styles.css) keeps the heading below the sticky bars.
          target?.scrollIntoView({ block: 'start' });
        }}
      >
        <option value="" disabled>
          {t('checklist.jumpToPillar')}
        </option>
        {pillars.map((pillar, index) => (
          <option key={pillar.id} value={pillar.id}>
            {`${index + 1}. ${localized(pillar.title, i18n.language)}`}
          </option>
        ))}
      </select>
    </div>
  );
}
