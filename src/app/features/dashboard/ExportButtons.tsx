import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/permissions/can';
import { useServices } from '../../services';
import type { Session } from '../auth/session';
import { downloadExport } from './api';

// Results are figures of approved work (every reader of reports); answers are the work itself,
// drafts included (not viewers). The server checks the same actions.
const FILES = [
  {
    path: '/api/reports/results.xlsx',
    label: 'dashboard.exportResultsXlsx',
    action: 'report.read',
  },
  { path: '/api/reports/results.csv', label: 'dashboard.exportResultsCsv', action: 'report.read' },
  {
    path: '/api/reports/answers.xlsx',
    label: 'dashboard.exportAnswersXlsx',
    action: 'submission.read',
  },
  {
    path: '/api/reports/answers.csv',
    label: 'dashboard.exportAnswersCsv',
    action: 'submission.read',
  },
] as const;

/** Downloads of the results and, for those who may read the work itself, of the answers. */
export function ExportButtons(props: {
  session: Session;
  campaignId: string;
  unitId: string;
  orgPath: string | null;
}) {
  const { t, i18n } = useTranslation();
  const { baseUrl } = useServices();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const { session, orgPath } = props;
  const actor = { userId: session.user.id, role: session.user.role, orgPath: orgPath ?? '' };
  const files = orgPath ? FILES.filter((file) => can(actor, file.action, { orgPath })) : [];
  if (files.length === 0) return null;

  const download = (path: string) => {
    setBusy(true);
    setFailed(false);
    downloadExport(baseUrl, session.token, {
      path,
      campaignId: props.campaignId,
      unitId: props.unitId,
      language: i18n.language,
    })
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <section className="card" aria-labelledby="exports-title">
      <h3 id="exports-title">{t('dashboard.exports')}</h3>
      <div className="export-buttons">
        {files.map((file) => (
          <button
            key={file.path}
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => download(file.path)}
            data-testid={`export-${file.path.split('/').at(-1) ?? ''}`}
          >
            {t(file.label)}
          </button>
        ))}
      </div>
      {busy ? <p role="status">{t('dashboard.exporting')}</p> : null}
      {failed ? (
        <p role="alert" className="field-error">
          {t('dashboard.exportFailed')}
        </p>
      ) : null}
    </section>
  );
}
