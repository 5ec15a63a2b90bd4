import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { assignableRoles, NewUser } from '../../../shared/api/users';
import type { Actor } from '../../../shared/permissions/can';
import type { OrgUnit } from '../../../shared/schemas/org';
import type { UsersError } from './api';
import { failureText, problemText, unitOption } from './messages';

export interface CreateProps {
  actor: Actor;
  /** The units the actor manages, in tree order. */
  units: readonly OrgUnit[];
  /** Sends the accounts; the refusal, if any, for the form to show beside itself. */
  onCreate: (users: NewUser[]) => Promise<UsersError | null>;
}

/** One account: checked with the server's own schema before it is sent. */
export function CreateOne({ actor, units, onCreate }: CreateProps) {
  const { t, i18n } = useTranslation('adminUsers');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const roles = assignableRoles(actor.role);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const parsed = NewUser.safeParse({
      username: text('username').toLowerCase(),
      displayName: text('displayName'),
      role: text('role'),
      orgUnitId: text('orgUnitId'),
    });
    if (!parsed.success) {
      setProblems(
        parsed.error.issues.map((issue) =>
          problemText(t, { line: 0, field: String(issue.path[0] ?? ''), code: issue.code }),
        ),
      );
      return;
    }
    setProblems([]);
    setBusy(true);
    const refusal = await onCreate([parsed.data]);
    setBusy(false);
    if (refusal) setProblems([failureText(t, refusal)]);
    else formElement.reset();
  };

  return (
    <section className="card" aria-labelledby="create-title">
      <h2 id="create-title">{t('createTitle')}</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <label className="field">
          <span>{t('username')}</span>
          <input name="username" autoCapitalize="none" autoComplete="off" required />
          <span className="small muted">{t('usernameHelp')}</span>
        </label>
        <label className="field">
          <span>{t('displayName')}</span>
          <input name="displayName" required maxLength={200} />
        </label>
        <label className="field">
          <span>{t('role')}</span>
          <select name="role" defaultValue="commune_officer">
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`, { ns: 'translation' })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('unit')}</span>
          <select name="orgUnitId">
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unitOption(unit, actor.orgPath, i18n.language)}
              </option>
            ))}
          </select>
        </label>
        {problems.length > 0 ? (
          <ul className="banner-error csv-problems" role="alert" data-testid="create-problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : null}
        <button type="submit" disabled={busy} data-testid="create-one">
          {busy ? t('working') : t('create')}
        </button>
      </form>
    </section>
  );
}
