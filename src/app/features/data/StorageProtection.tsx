import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../services';
import { formatBytes } from '../../ui/format';
import { useStorage } from './use-storage';

export function StorageProtection() {
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const { info, requestPersist } = useStorage();
  const pending = useLiveQuery(() => db.outbox.where('state').equals('pending').count(), [db]) ?? 0;
  const statusText = info.persist === 'persisted' ? t('data.persisted') : info.persist === 'unsupported' ? t('data.unsupported') : info.persist === 'not-persisted' ? t('data.notPersisted') : '';
  return (
    <section className="card" aria-labelledby="data-title">
      <h2 id="data-title">{t('data.title')}</h2>
      <p data-testid="persist-status" className={info.persist === 'persisted' ? 'ok-text' : 'warn-text'}>
        {statusText}
      </p>
      {info.persist === 'not-persisted' && pending > 0 ? (
        <p className="card banner-warn" role="alert">
          {t('data.warnUnsynced', { count: pending })}
        </p>
      ) : null}
      {info.persist === 'not-persisted' ? (
        <button type="button" className="secondary" onClick={() => void requestPersist()}>
          {t('data.askPersist')}
        </button>
      ) : null}
      {info.usage !== null && info.quota !== null ? (
        <p className="small muted">{t('data.usage', { used: formatBytes(info.usage, i18n.language), quota: formatBytes(info.quota, i18n.language) })}</p>
      ) : null}
    </section>
  );
}
