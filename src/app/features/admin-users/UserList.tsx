import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../shared/api/users';
import type { OrgUnit } from '../../../shared/schemas/org';
import { Role } from '../../../shared/schemas/user';
import type { UsersError } from './api';
import { failureText, unitOption } from './messages';

export type ListState =
  | { kind: 'loading' }
  | { kind: 'ready'; users: AdminUser[] }
  | { kind: 'failed'; error: UsersError };

/** Which accounts are listed: those of one unit of the actor's subtree, optionally one role. */
export function UserFilters(props: {
  units: readonly OrgUnit[];
  orgPath: string;
  unitFilter: string;
  roleFilter: string;
  onUnit: (unitId: string) => void;
  onRole: (role: string) => void;
}) {
  const { t, i18n } = useTranslation('adminUsers');
  return (
    <>
      <label className="field">
        <span>{t('filterUnit')}</span>
        <select
          value={props.unitFilter}
          onChange={(event) => props.onUnit(event.target.value)}
          data-testid="filter-unit"
        >
          {props.units.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unitOption(unit, props.orgPath, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('filterRole')}</span>
        <select
          value={props.roleFilter}
          onChange={(event) => props.onRole(event.target.value)}
          data-testid="filter-role"
        >
          <option value="">{t('roleAll')}</option>
          {Role.options.map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`, { ns: 'translation' })}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** The list as it loads, fails (with a retry) or is shown, filtered by role. */
export function UserListBody(props: {
  list: ListState;
  roleFilter: string;
  onReload: () => void;
  render: (user: AdminUser) => ReactNode;
}) {
  const { t } = useTranslation('adminUsers');
  const { list } = props;
  if (list.kind === 'loading') return <p className="muted">{t('loading')}</p>;
  if (list.kind === 'failed')
    return (
      <div className="banner-error" data-testid="users-error">
        <p>{failureText(t, list.error)}</p>
        <button type="button" className="secondary small" onClick={props.onReload}>
          {t('reload')}
        </button>
      </div>
    );
  const shown = list.users.filter(
    (user) => props.roleFilter === '' || user.role === props.roleFilter,
  );
  return (
    <>
      <p className="small">{t('count', { count: shown.length })}</p>
      {shown.length === 0 ? <p className="muted">{t('none')}</p> : null}
      <ul className="user-list" data-testid="user-list">
        {shown.map((user) => props.render(user))}
      </ul>
    </>
  );
}
