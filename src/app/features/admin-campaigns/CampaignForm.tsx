import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BindableTemplate, NewCampaign } from '../../../shared/api/campaigns';
import { localized } from '../../i18n';
import { vietnamTime } from './api';
import type { UnitChoices } from './use-units';

/** The new-campaign form: title, template version, period, deadline and the units that report. */
export function CampaignForm({
  templates,
  units,
  onCreate,
}: {
  templates: readonly BindableTemplate[];
  units: UnitChoices;
  onCreate: (campaign: NewCampaign) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation('adminCampaigns');
  const [districts, setDistricts] = useState<ReadonlySet<string>>(new Set());
  const [communes, setCommunes] = useState<ReadonlySet<string>>(new Set());
  const toggle = (set: ReadonlySet<string>, id: string) => {
    const next = new Set(set);
    if (!next.delete(id)) next.add(id);
    return next;
  };
  const chosen = units.groups.reduce(
    (sum, group) =>
      sum +
      (districts.has(group.unit.id)
        ? group.communes.length
        : group.communes.filter((c) => communes.has(c.id)).length),
    0,
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const slug = text('slug');
    const titleEn = text('titleEn');
    void onCreate({
      ...(slug ? { id: slug } : {}),
      title: { vi: text('titleVi'), ...(titleEn ? { en: titleEn } : {}) },
      templateRecordId: text('template'),
      period: { start: text('start'), end: text('end') },
      deadline: vietnamTime(text('deadline')),
      assignedUnderIds: [...districts],
      // A commune inside a chosen district is already assigned through it.
      assignedUnitIds: units.groups
        .filter((group) => !districts.has(group.unit.id))
        .flatMap((group) => group.communes.filter((c) => communes.has(c.id)).map((c) => c.id)),
    }).then((created) => {
      if (!created) return;
      formElement.reset();
      setDistricts(new Set());
      setCommunes(new Set());
    });
  };

  return (
    <form onSubmit={onSubmit} data-testid="campaign-form">
      <p className="small">{t('createHelp')}</p>
      <label className="field">
        <span>{t('titleVi')}</span>
        <input name="titleVi" required maxLength={200} />
      </label>
      <label className="field">
        <span>{t('titleEn')}</span>
        <input name="titleEn" maxLength={200} />
      </label>
      <label className="field">
        <span>{t('slug')}</span>
        <input name="slug" maxLength={63} pattern="[a-z0-9][a-z0-9\-]{1,62}" />
      </label>
      <label className="field">
        <span>{t('template')}</span>
        <select name="template" required>
          {templates.map((template) => (
            <option key={template.recordId} value={template.recordId}>
              {t('templateOption', {
                title: localized(template.title, i18n.language),
                templateVersion: template.version,
              })}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('periodStart')}</span>
        <input name="start" type="date" required />
      </label>
      <label className="field">
        <span>{t('periodEnd')}</span>
        <input name="end" type="date" required />
      </label>
      <label className="field">
        <span>{t('deadline')}</span>
        <input name="deadline" type="datetime-local" required />
      </label>
      <fieldset className="choices">
        <legend>{t('units')}</legend>
        <p className="small">{t('unitsHelp')}</p>
        {units.groups.map((group) => (
          <div key={group.unit.id}>
            <label>
              <input
                type="checkbox"
                data-testid={`assign-under-${group.unit.id}`}
                checked={districts.has(group.unit.id)}
                onChange={() => setDistricts(toggle(districts, group.unit.id))}
              />{' '}
              {group.unit.fullName ?? group.unit.name}
            </label>
            {districts.has(group.unit.id) ? null : (
              <details>
                <summary className="small">{t('pickCommunes')}</summary>
                {group.communes.map((commune) => (
                  <label key={commune.id} className="small">
                    <input
                      type="checkbox"
                      data-testid={`assign-${commune.id}`}
                      checked={communes.has(commune.id)}
                      onChange={() => setCommunes(toggle(communes, commune.id))}
                    />{' '}
                    {commune.fullName ?? commune.name}
                  </label>
                ))}
              </details>
            )}
          </div>
        ))}
        <p className="small" data-testid="units-chosen">
          {t('unitsChosen', { count: chosen })}
        </p>
      </fieldset>
      <button type="submit" data-testid="campaign-create">
        {t('create')}
      </button>
    </form>
  );
}
