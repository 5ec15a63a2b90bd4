import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateDetail, TemplateVersionSummary } from '../../../shared/api/templates';
import { can } from '../../../shared/permissions/can';
import { ensureAdminTemplatesMessages } from '../../i18n/admin-templates';
import { useServices } from '../../services';
import type { Session } from '../auth/session';
import { failureOfError, listTemplates, templateDetail, type TemplateFailure } from './api';
import { failureText } from './failure-text';
import { ImportPanel } from './ImportPanel';
import { TemplatePreview } from './TemplatePreview';
import { VersionList } from './VersionList';

type Versions =
  | { kind: 'loading' }
  | { kind: 'ready'; versions: TemplateVersionSummary[] }
  | { kind: 'failed'; failure: TemplateFailure };

type Preview =
  | { kind: 'none' }
  | { kind: 'loading'; id: string }
  | { kind: 'ready'; detail: TemplateDetail }
  | { kind: 'failed'; failure: TemplateFailure };

/**
 * `/admin/templates`: import a checklist template, see every version side by side with the
 * campaigns using it, and preview a version as an officer will see it. Online only (the versions
 * live on the server); what is offered comes from `can('template.manage')`.
 */
export function TemplatesScreen({ session }: { session: Session }) {
  ensureAdminTemplatesMessages();
  const { t } = useTranslation('adminTemplates');
  const { baseUrl } = useServices();
  const [versions, setVersions] = useState<Versions>({ kind: 'loading' });
  const [preview, setPreview] = useState<Preview>({ kind: 'none' });
  const token = session.token;
  const actor = { userId: session.user.id, role: session.user.role, orgPath: session.user.orgPath };
  const allowed = can(actor, 'template.manage', { orgPath: session.user.orgPath });

  const reload = useCallback(() => {
    if (!allowed) return;
    listTemplates({ baseUrl, token }).then(
      (list) => setVersions({ kind: 'ready', versions: list }),
      (error: unknown) => setVersions({ kind: 'failed', failure: failureOfError(error) }),
    );
  }, [allowed, baseUrl, token]);
  useEffect(reload, [reload]);

  const openPreview = async (id: string) => {
    setPreview({ kind: 'loading', id });
    try {
      setPreview({ kind: 'ready', detail: await templateDetail({ baseUrl, token }, id) });
    } catch (error) {
      setPreview({ kind: 'failed', failure: failureOfError(error) });
    }
  };

  if (!allowed) return <p className="card">{t('failure_notAllowed')}</p>;
  if (preview.kind === 'ready')
    return <TemplatePreview detail={preview.detail} onClose={() => setPreview({ kind: 'none' })} />;
  return (
    <div className="admin-templates">
      <section className="card">
        <h2>{t('title')}</h2>
        <p className="small muted">{t('explain')}</p>
      </section>
      <ImportPanel connection={{ baseUrl, token }} onImported={reload} />
      <section aria-labelledby="template-versions-title">
        <h2 id="template-versions-title">{t('versionsTitle')}</h2>
        {preview.kind === 'loading' ? <p role="status">{t('previewLoading')}</p> : null}
        {preview.kind === 'failed' ? (
          <p className="card banner-error" role="alert">
            {failureText(t, preview.failure)}
          </p>
        ) : null}
        {versions.kind === 'loading' ? <p className="muted">{t('loading')}</p> : null}
        {versions.kind === 'failed' ? (
          <p className="card banner-error" role="alert">
            {failureText(t, versions.failure)}
          </p>
        ) : null}
        {versions.kind === 'ready' ? (
          <VersionList versions={versions.versions} onPreview={(id) => void openPreview(id)} />
        ) : null}
      </section>
    </div>
  );
}
