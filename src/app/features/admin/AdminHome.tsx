import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, type Action } from '../../../shared/permissions/can';
import { ensureAdminMessages } from '../../i18n/admin';
import type { Session } from '../auth/session';
import { AuditCheck } from './AuditCheck';

/** The administration screens, each shown to whom `can()` lets do its action at their own unit. */
const SECTIONS = [
  { key: 'units', to: '/admin/units', action: 'orgUnit.manage' },
  { key: 'users', to: '/admin/users', action: 'user.manage' },
  { key: 'templates', to: '/admin/templates', action: 'template.manage' },
  { key: 'campaigns', to: '/admin/campaigns', action: 'campaign.manage' },
] as const satisfies readonly { key: string; to: string; action: Action }[];

export function canAdminister(session: Session): boolean {
  const actor = { userId: session.user.id, role: session.user.role, orgPath: session.user.orgPath };
  return SECTIONS.some((section) => can(actor, section.action, { orgPath: actor.orgPath }));
}

/** The administrator's home: what there is to manage, then the audit-trail check. */
export function AdminHome({ session }: { session: Session }) {
  ensureAdminMessages();
  const { t } = useTranslation();
  const actor = { userId: session.user.id, role: session.user.role, orgPath: session.user.orgPath };
  const sections = SECTIONS.filter((section) =>
    can(actor, section.action, { orgPath: actor.orgPath }),
  );
  return (
    <>
      {sections.length > 0 ? (
        <nav className="card" aria-labelledby="admin-menu-title" data-testid="admin-menu">
          <h2 id="admin-menu-title">{t('admin.menuTitle')}</h2>
          <p className="small muted">{t('admin.menuIntro')}</p>
          <ul className="admin-menu">
            {sections.map((section) => (
              <li key={section.key}>
                <Link to={section.to} data-testid={`admin-open-${section.key}`}>
                  {t(`admin.menu_${section.key}`)}
                </Link>
                <span className="small muted">{t(`admin.menu_${section.key}_explain`)}</span>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <AuditCheck session={session} />
    </>
  );
}
