import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitImportOutcome, UnitImportRequest } from '../../../shared/api/units';
import { AdminCallError, type Connection } from '../../api/admin-call';
import { ImportRefusal, importUnits } from './api';
import { failureText, problemText, whereText } from './words';

type Step =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'checked'; request: UnitImportRequest; outcome: UnitImportOutcome }
  | { kind: 'done'; added: number; renamed: number }
  | { kind: 'failed'; message: string };

/**
 * Import from a file in two steps: a dry run that shows what would change or every problem with
 * its line or JSON path, then the import itself — all or none, so a half-loaded tree never exists.
 */
export function UnitImport(props: { connection: Connection; onImported: () => void }) {
  const { t } = useTranslation('adminUnits');
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const check = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setStep({ kind: 'checking' });
    const text = await file.text();
    const request: UnitImportRequest = {
      format: /\.json$/i.test(file.name) || text.trimStart().startsWith('{') ? 'json' : 'csv',
      text,
      dryRun: true,
    };
    try {
      setStep({ kind: 'checked', request, outcome: await importUnits(props.connection, request) });
    } catch (error) {
      setStep({ kind: 'failed', message: failureText(t, error) });
    }
  };

  const apply = async (request: UnitImportRequest) => {
    try {
      const outcome = await importUnits(props.connection, { ...request, dryRun: false });
      if (outcome.ok) {
        setStep({ kind: 'done', added: outcome.added.length, renamed: outcome.renamed.length });
        props.onImported();
      } else setStep({ kind: 'checked', request, outcome });
    } catch (error) {
      // The tree changed between the check and the import: the problems come back as a refusal.
      const problems =
        error instanceof AdminCallError ? ImportRefusal.safeParse(error.details) : null;
      if (problems?.success)
        setStep({ kind: 'checked', request, outcome: { ok: false, ...problems.data } });
      else setStep({ kind: 'failed', message: failureText(t, error) });
    }
  };

  return (
    <section className="card" aria-labelledby="unit-import-title" data-testid="unit-import">
      <h3 id="unit-import-title">{t('importTitle')}</h3>
      <p className="small muted">{t('importExplain')}</p>
      <label className="field">
        <span>{t('importFile')}</span>
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          data-testid="unit-import-file"
          onChange={(event) => void check(event)}
        />
      </label>
      {step.kind === 'checking' ? <p className="muted">{t('importChecking')}</p> : null}
      {step.kind === 'failed' ? <p role="alert">{step.message}</p> : null}
      {step.kind === 'done' ? (
        <p role="status" data-testid="unit-import-done">
          {t('importDone', { added: String(step.added), renamed: String(step.renamed) })}
        </p>
      ) : null}
      {step.kind === 'checked' ? <CheckedFile step={step} onApply={apply} /> : null}
    </section>
  );
}

function CheckedFile(props: {
  step: Extract<Step, { kind: 'checked' }>;
  onApply: (request: UnitImportRequest) => Promise<void>;
}) {
  const { t } = useTranslation('adminUnits');
  const { outcome, request } = props.step;
  if (!outcome.ok)
    return (
      <div role="alert" data-testid="unit-import-problems">
        <p>{t('importProblems', { count: outcome.problems.length })}</p>
        <ul>
          {outcome.problems.map((problem, index) => (
            <li key={index}>
              <strong>{whereText(t, problem.at)}</strong>: {problemText(t, problem)}
            </li>
          ))}
        </ul>
      </div>
    );
  const changes = outcome.added.length + outcome.renamed.length;
  if (changes === 0) return <p role="status">{t('importNothing')}</p>;
  return (
    <div data-testid="unit-import-plan">
      <p role="status">
        {t('importPlan', {
          added: String(outcome.added.length),
          renamed: String(outcome.renamed.length),
          unchanged: String(outcome.unchanged),
        })}
      </p>
      <ul className="small">
        {outcome.added.map((unit) => (
          <li key={unit.code}>
            + {unit.name} ({unit.code})
          </li>
        ))}
        {outcome.renamed.map((unit) => (
          <li key={unit.code}>
            {unit.from} → {unit.to}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => void props.onApply(request)}
        data-testid="unit-import-apply"
      >
        {t('importApply', { count: changes })}
      </button>
    </div>
  );
}
