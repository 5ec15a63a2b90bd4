import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewUser } from '../../../shared/api/users';
import type { OrgUnit } from '../../../shared/schemas/org';
import { unitDisplayName } from '../checklist/unit-names';
import type { CreateProps } from './CreateOne';
import { failureText, problemText } from './messages';
import { checkSheet, type SheetProblem } from './sheet';

type Checked =
  | { kind: 'none' }
  | { kind: 'problems'; problems: SheetProblem[] }
  | { kind: 'preview'; users: NewUser[] };

/**
 * Many accounts from a spreadsheet: every problem listed by line and column before anything is
 * sent, then a preview, then one all-or-none request. A server refusal (a name taken by an
 * account outside the list) is shown here, and nothing is created.
 */
export function BulkCreate({
  actor,
  units,
  taken,
  onCreate,
}: CreateProps & { taken: ReadonlySet<string> }) {
  const { t, i18n } = useTranslation('adminUsers');
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<Checked>({ kind: 'none' });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const byId = new Map<string, OrgUnit>(units.map((unit) => [unit.id, unit]));

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setText(await file.text());
    setChecked({ kind: 'none' });
  };
  const onCheck = () => {
    setRefusal(null);
    const result = checkSheet(text, { actor, units: byId, taken });
    setChecked(
      result.ok
        ? { kind: 'preview', users: result.users }
        : { kind: 'problems', problems: result.problems },
    );
  };
  const onSend = async (users: NewUser[]) => {
    setBusy(true);
    const refused = await onCreate(users);
    setBusy(false);
    if (refused) {
      setRefusal(failureText(t, refused));
      return;
    }
    setText('');
    setChecked({ kind: 'none' });
  };

  return (
    <section className="card" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('bulkTitle')}</h2>
      <p className="small">{t('bulkHelp')}</p>
      <label className="field">
        <span>{t('bulkFile')}</span>
        <input type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void onFile(e)} />
      </label>
      <label className="field">
        <span>{t('bulkText')}</span>
        <textarea
          rows={5}
          value={text}
          spellCheck={false}
          onChange={(event) => {
            setText(event.target.value);
            setChecked({ kind: 'none' });
          }}
          data-testid="csv-text"
        />
      </label>
      <button type="button" className="secondary" onClick={onCheck} data-testid="csv-check">
        {t('bulkCheck')}
      </button>
      {checked.kind === 'problems' ? (
        <div className="banner-error" role="alert" data-testid="csv-problems">
          <p>{t('bulkProblems', { count: checked.problems.length })}</p>
          <ul className="csv-problems">
            {checked.problems.map((problem) => (
              <li key={`${problem.line}-${problem.field}-${problem.code}`}>
                {problemText(t, problem)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {checked.kind === 'preview' ? (
        <div data-testid="csv-preview">
          <p>{t('bulkPreview', { count: checked.users.length })}</p>
          <ul className="csv-problems">
            {checked.users.map((user) => {
              const unit = byId.get(user.orgUnitId);
              return (
                <li key={user.username}>
                  <code>{user.username}</code> · {user.displayName} ·{' '}
                  {t(`role.${user.role}`, { ns: 'translation' })} ·{' '}
                  {unit ? unitDisplayName(unit, i18n.language) : user.orgUnitId}
                </li>
              );
            })}
          </ul>
          {refusal ? (
            <p className="banner-error" role="alert" data-testid="csv-refusal">
              {refusal}
            </p>
          ) : null}
          <button
            type="button"
            disabled={busy}
            onClick={() => void onSend(checked.users)}
            data-testid="csv-create"
          >
            {busy ? t('working') : t('bulkCreate', { count: checked.users.length })}
          </button>
        </div>
      ) : null}
    </section>
  );
}
