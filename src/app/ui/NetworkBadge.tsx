import { useTranslation } from 'react-i18next';
import { useOnline } from './use-online';

export function NetworkBadge() {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <p
      className={online ? 'badge badge-online' : 'badge badge-offline'}
      role="status"
      data-testid="network-badge"
    >
      {online ? t('network.online') : t('network.offline')}
    </p>
  );
}
