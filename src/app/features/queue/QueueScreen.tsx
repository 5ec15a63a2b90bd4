import type { TFunction } from 'i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Mutation } from '../../../shared/protocol/sync';
import type { OutboxEntry } from '../../db/database';
import { refusalText } from '../../i18n/refusal';
import { useServices } from '../../services';
import { formatBytes } from '../../ui/format';

function describe(mutation: Mutation, t: TFunction): string {
  switch (mutation.type) {
    case 'answer.set':
      return t('queue.type_answer', { id: mutation.indicatorId });
    case 'evidence.add':
      return t('queue.type_evidenceAdd', { id: mutation.evidence.indicatorId });
    case 'evidence.update':
      return t('queue.type_evidenceUpdate');
    case 'evidence.delete':
      return t('queue.type_evidenceDelete');
    case 'submission.transition':
      return t('queue.type_transition', { event: t(`queue.event_${mutation.event}`) });
    case 'review.comment':
      return t('queue.type_comment');
  }
}

function EntryRow({ entry, onDismiss }: { entry: OutboxEntry; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <li className={`queue-item queue-${entry.state}`} data-testid="queue-item">
      <p className="queue-title">{describe(entry.mutation, t)}</p>
      {entry.relay ? (
        // Another officer's signed change carried by this phone: whose it is, for the refusal too.
        <p className="small muted" data-testid="queue-relayed">
          {t('queue.relayedFor', { user: entry.relay.username })}
        </p>
      ) : null}
      <p className="small">
        <span className={`chip ${entry.state === 'rejected' ? 'chip-error' : ''}`}>
          {t(`queue.state_${entry.state}`)}
        </span>{' '}
        {entry.attempts > 0 ? t('queue.attempts', { count: entry.attempts }) : null}
      </p>
      {entry.rejection ? (
        // The server's own message (English, technical) only as a tooltip for support.
        <p className="field-error" title={entry.rejection.message}>
          {refusalText(t, entry.rejection.code)}
        </p>
      ) : null}
      {entry.state === 'pending' && entry.lastError ? (
        <p className="small muted" title={entry.lastError}>
          {t('queue.lastError')}
        </p>
      ) : null}
      {entry.state === 'rejected' ? (
        <button type="button" className="secondary small" onClick={onDismiss}>
          {t('queue.dismiss')}
        </button>
      ) : null}
    </li>
  );
}

/** Every item still on its way to the server, with its state and last error, and a retry. */
export function QueueScreen() {
  const { t, i18n } = useTranslation();
  const { db, sync } = useServices();
  const entries = useLiveQuery(() => db.outbox.orderBy('order').toArray(), [db]) ?? [];
  const blobs = useLiveQuery(() => db.blobs.where('uploaded').equals(0).toArray(), [db]) ?? [];
  const dismiss = (entry: OutboxEntry) =>
    db.outbox.where('mutationId').equals(entry.mutationId).delete();

  return (
    <section className="card" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue.title')}</h2>
      {entries.length === 0 && blobs.length === 0 ? <p>{t('queue.empty')}</p> : null}
      {entries.length > 0 ? (
        <>
          <h3>{t('queue.mutations')}</h3>
          <ul className="queue-list">
            {entries.map((entry) => (
              <EntryRow
                key={entry.mutationId}
                entry={entry}
                onDismiss={() => void dismiss(entry)}
              />
            ))}
          </ul>
        </>
      ) : null}
      {blobs.length > 0 ? (
        <>
          <h3>{t('queue.photos')}</h3>
          <ul className="queue-list">
            {blobs.map((blob) => (
              <li key={blob.sha256} className="queue-item" data-testid="queue-blob">
                <p className="queue-title">
                  {blob.mime === 'application/pdf' ? 'PDF' : 'JPEG'} · {blob.sha256.slice(0, 12)}…
                </p>
                <p className="small" title={blob.refusal}>
                  {blob.refusal
                    ? t('queue.blobRefused')
                    : t('queue.blobWaiting', { size: formatBytes(blob.size, i18n.language) })}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {sync ? (
        <button type="button" onClick={() => void sync.syncNow()}>
          {t('queue.retry')}
        </button>
      ) : null}
    </section>
  );
}
