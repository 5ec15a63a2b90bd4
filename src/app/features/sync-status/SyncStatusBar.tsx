import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinhChungDb } from '../../db/database';
import type { SyncController } from '../../sync/controller';
import { formatBytes } from '../../ui/format';

async function pendingWork(db: MinhChungDb) {
  const [pending, rejected, blobs] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('state').equals('rejected').count(),
    db.blobs.where('uploaded').equals(0).toArray(),
  ]);
  return {
    pending,
    rejected,
    blobBytes: blobs.filter((blob) => !blob.refusal).reduce((sum, blob) => sum + blob.size, 0),
  };
}

/** Always visible: when the phone last reached the server, what is still waiting, and a button. */
export function SyncStatusBar({ db, controller }: { db: MinhChungDb; controller: SyncController }) {
  const { t, i18n } = useTranslation();
  const status = useSyncExternalStore(controller.subscribe, controller.getStatus);
  const work = useLiveQuery(() => pendingWork(db), [db]);
  const language = i18n.language;
  const time = (ms: number) =>
    new Date(ms).toLocaleTimeString(language === 'en' ? 'en-GB' : 'vi-VN', {
      hour: '2-digit',
      minute: '2-digit',
    });
  const scheduler = status.scheduler;
  const uploads = Object.values(status.uploads);
  const uploadPercent =
    uploads.length === 0
      ? null
      : Math.round(
          (uploads.reduce((sum, u) => sum + u.sent, 0) /
            Math.max(
              1,
              uploads.reduce((sum, u) => sum + u.total, 0),
            )) *
            100,
        );

  let headline: string;
  if (scheduler.kind === 'syncing') headline = t('sync.syncing');
  else if (scheduler.kind === 'waiting')
    headline = t('sync.waiting', { time: time(scheduler.retryAt) });
  else if (scheduler.kind === 'blocked')
    headline = scheduler.reason === 'outdated' ? t('auth.outdated') : t('auth.sessionEnded');
  else if (scheduler.kind === 'paused') headline = t('sync.serverOutdated');
  else
    headline = scheduler.lastSuccessAt
      ? t('sync.synced', { time: time(scheduler.lastSuccessAt) })
      : t('sync.never');

  return (
    <section
      className={`sync-bar sync-${scheduler.kind}`}
      aria-live="polite"
      data-testid="sync-bar"
    >
      <p className="sync-headline" data-testid="sync-headline">
        {headline}
      </p>
      <p className="sync-detail" data-testid="sync-pending">
        {work && work.pending > 0
          ? t('sync.pending', { count: work.pending })
          : t('sync.pendingNone')}
        {work && work.blobBytes > 0
          ? ` · ${t('sync.pendingBytes', { size: formatBytes(work.blobBytes, language) })}`
          : ''}
        {uploadPercent !== null
          ? ` · ${t('sync.uploading', { percent: String(uploadPercent) })}`
          : ''}
      </p>
      {work && work.rejected > 0 ? (
        <p className="sync-rejected">{t('sync.rejected', { count: work.rejected })}</p>
      ) : null}
      <button
        type="button"
        className="secondary small"
        onClick={() => void controller.syncNow()}
        disabled={scheduler.kind === 'syncing'}
      >
        {t('sync.now')}
      </button>
    </section>
  );
}
