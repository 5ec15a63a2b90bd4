import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResponse } from '../../../shared/api/admin';
import { can } from '../../../shared/permissions/can';
import { ensureAdminMessages } from '../../i18n/admin';
import { useServices } from '../../services';
import { formatNumber } from '../../ui/format';
import type { Session } from '../auth/session';
import { formatWhen } from '../history/describe-entry';
import { AuditCheckError, verifyAuditChain, type AuditCheckFailure } from './api';

type CheckState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: AuditVerifyResponse }
  | { kind: 'failed'; failure: AuditCheckFailure };

/**
 * The system administrator's check of the tamper-evident audit trail: the server walks the chain
 * and names the first event that was edited, inserted or removed. Needs a connection (the chain
 * lives on the server); the button comes from `can('audit.verify')`.
 */
export function AuditCheck({ session }: { session: Session }) {
  ensureAdminMessages();
  const { t, i18n } = useTranslation();
  const { baseUrl } = useServices();
  const [state, setState] = useState<CheckState>({ kind: 'idle' });
  const language = i18n.language;
  const actor = { userId: session.user.id, role: session.user.role, orgPath: session.user.orgPath };
  if (!can(actor, 'audit.verify', { orgPath: session.user.orgPath })) return null;

  const run = async () => {
    setState({ kind: 'running' });
    try {
      setState({ kind: 'done', result: await verifyAuditChain(baseUrl, session.token) });
    } catch (error) {
      setState({
        kind: 'failed',
        failure: error instanceof AuditCheckError ? error.failure : 'server',
      });
    }
  };

  return (
    <section className="card" aria-labelledby="audit-title" data-testid="audit-check">
      <h2 id="audit-title">{t('admin.auditTitle')}</h2>
      <p className="muted">{t('admin.auditExplain')}</p>
      <button
        type="button"
        onClick={() => void run()}
        disabled={state.kind === 'running'}
        data-testid="audit-run"
      >
        {state.kind === 'running' ? t('admin.auditRunning') : t('admin.auditRun')}
      </button>
      <div role="status" aria-live="polite" data-testid="audit-result">
        {state.kind === 'failed' && (
          <p className="card banner-error">{t(`admin.auditFailure_${state.failure}`)}</p>
        )}
        {state.kind === 'done' && state.result.ok && (
          <p className="card banner-ok">
            {t('admin.auditIntact', {
              events: formatNumber(state.result.events, language),
              when: formatWhen(state.result.verifiedAt, language),
            })}
          </p>
        )}
        {state.kind === 'done' && !state.result.ok && (
          <div className="card banner-error">
            <p>
              {t(`admin.auditBroken_${state.result.problem}`, {
                seq: formatNumber(state.result.brokenAt, language),
                verified: formatNumber(state.result.events, language),
              })}
            </p>
            {state.result.event && (
              <p>
                {t('admin.auditEvent', {
                  when: formatWhen(state.result.event.at, language),
                  who: state.result.event.actorName,
                  action: state.result.event.action,
                  target: state.result.event.target,
                })}
              </p>
            )}
            <p>{t('admin.auditWhatNow')}</p>
          </div>
        )}
      </div>
    </section>
  );
}
