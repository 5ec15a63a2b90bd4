import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialGroup } from './sheet';

/**
 * While first passwords are on screen, leaving it loses them: a reload or closed tab asks the
 * browser's own question, and a tap on a link of the app (the tabs) asks ours first. The check
 * runs in the capture phase on the document, before the router's handler sees the click.
 */
function useLeaveWarning(active: boolean, message: string) {
  useEffect(() => {
    if (!active) return undefined;
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const click = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link || window.confirm(message)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [active, message]);
}

/**
 * The first passwords, shown once: one slip per account (unit, name, username, password, the
 * app's address) with cut lines between them, one group per parent unit on its own page. They
 * live only in the screen's state; printing hides everything else (admin-users.css).
 */
export function CredentialSheet({
  groups,
  address,
  onDone,
}: {
  groups: readonly CredentialGroup[];
  address: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('adminUsers');
  useLeaveWarning(groups.length > 0, t('leaveWarn'));
  if (groups.length === 0) return null;
  return (
    <section className="card credentials" aria-labelledby="cred-title" data-testid="credentials">
      <div className="no-print">
        <h2 id="cred-title">{t('credTitle')}</h2>
        <p className="banner-warn">{t('credWarn')}</p>
        <div className="credential-actions">
          <button type="button" onClick={() => window.print()} data-testid="print-sheet">
            {t('print')}
          </button>
          <button type="button" className="secondary" onClick={onDone} data-testid="hide-sheet">
            {t('credDone')}
          </button>
        </div>
      </div>
      {groups.map((group) => (
        <div className="credential-group" key={group.groupId} data-testid="credential-group">
          <h3>
            {t('sheetTitle')} — {group.groupName}
          </h3>
          <ul className="credential-slips">
            {group.lines.map((line) => (
              <li className="credential-slip" key={line.username} data-testid="credential-slip">
                <p className="credential-unit">{line.unitName}</p>
                <dl>
                  <dt>{t('lineName')}</dt>
                  <dd>{line.displayName}</dd>
                  <dt>{t('lineUsername')}</dt>
                  <dd className="credential-code" data-testid="slip-username">
                    {line.username}
                  </dd>
                  <dt>{t('linePassword')}</dt>
                  <dd className="credential-code" data-testid="slip-password">
                    {line.password}
                  </dd>
                  <dt>{t('lineAddress')}</dt>
                  <dd className="credential-code">{address}</dd>
                </dl>
                <p className="small">{t('sheetHint')}</p>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
