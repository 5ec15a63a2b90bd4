import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../services';
import { formatBytes } from '../../ui/format';
import type { Session } from '../auth/session';
import { useUnitNames } from '../checklist/unit-names';

/** The phone's share sheet (Zalo, Bluetooth, e-mail…) where the browser can hand it a file. */
function shareableFile(blob: Blob, fileName: string): File | null {
  if (typeof navigator === 'undefined' || typeof navigator.canShare !== 'function') return null;
  const file = new File([blob], fileName, { type: 'application/zip' });
  return navigator.canShare({ files: [file] }) ? file : null;
}

type Status = { kind: 'idle' } | { kind: 'busy'; label: string } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

/** Carry the work on a USB stick: export everything (answers, photos, what is unsent) to one file,
 * import such a file on another device; importing merges like a sync and never duplicates. */
export function BackupPanel({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  // Where the file goes is the unit above, named from the hierarchy: "huyện" in a 3-level tree,
  // "tỉnh" where the province sits directly above the communes.
  const above = useUnitNames(db, session.user.orgUnitId, '').reviewer ?? t('data.levelAbove');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // The last export, offered to the share sheet by its own tap: sharing needs a fresh user gesture,
  // which the export's own tap has used up by the time the file is ready.
  const [shareable, setShareable] = useState<File | null>(null);

  const onExport = async () => {
    setStatus({ kind: 'busy', label: t('data.exporting') });
    try {
      // The ZIP code loads only when a backup is made or read: it stays out of the first screen.
      const { exportBackup } = await import('../backup');
      const result = await exportBackup(db, session);
      const url = URL.createObjectURL(result.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = result.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setShareable(shareableFile(result.blob, result.fileName));
      const exported = t('data.exported', { name: result.fileName, size: formatBytes(result.blob.size, i18n.language) });
      // Unsigned changes still travel in the file, but a unit above cannot send them on.
      setStatus({ kind: 'done', message: result.unsigned > 0 ? `${exported} ${t('data.unsignedExport', { unit: above })}` : exported });
    } catch (error) {
      setStatus({ kind: 'error', message: t('data.importFailed', { message: (error as Error).message }) });
    }
  };

  const onShare = async () => {
    if (!shareable) return;
    try {
      await navigator.share({ files: [shareable], title: t('data.shareTitle') });
    } catch (error) {
      // Closing the share sheet is a choice, not a failure.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setStatus({ kind: 'error', message: t('data.shareFailed') });
    }
  };

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setStatus({ kind: 'busy', label: t('data.importing') });
    try {
      const { importBackup } = await import('../backup');
      const report = await importBackup(db, session, file);
      const parts: string[] = [
        t('data.imported', {
          records: String(report.records.added + report.records.merged),
          mutations: String(report.mutations.queued),
          blobs: String(report.blobs.added),
        }),
      ];
      const { relay } = report;
      if (relay.queued > 0) parts.push(t('data.relayQueued', { count: relay.queued, user: relay.author }));
      if (relay.unsigned > 0) parts.push(t('data.relayUnsigned', { count: relay.unsigned, user: relay.author }));
      if (report.mutations.notQueued > 0) parts.push(t('data.notQueued', { count: report.mutations.notQueued }));
      setStatus({ kind: 'done', message: parts.join(' ') });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const known = code === 'NOT_A_BACKUP' || code === 'NEWER_VERSION' || code === 'CORRUPT' || code === 'QUOTA_EXCEEDED';
      const message = known ? t(`data.error_${code}`) : t('data.importFailed', { message: (error as Error).message });
      setStatus({ kind: 'error', message });
    }
  };

  const busy = status.kind === 'busy';
  return (
    <section className="card" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('data.exportTitle')}</h2>
      <p className="small">{t('data.exportHelp', { unit: above })}</p>
      <button type="button" disabled={busy} onClick={() => void onExport()} data-testid="export-backup">
        {t('data.export')}
      </button>
      {shareable ? (
        <button type="button" className="secondary" onClick={() => void onShare()} data-testid="share-backup">
          {t('data.share')}
        </button>
      ) : null}
      <h3>{t('data.importTitle')}</h3>
      <p className="small">{t('data.importHelp')}</p>
      <label className="file-button">
        <span className="visually-hidden">{t('data.import')}</span>
        <input type="file" accept=".mcbackup,application/zip" disabled={busy} onChange={(event) => void onImport(event)} data-testid="import-backup" />
      </label>
      {status.kind === 'busy' ? <p role="status">{status.label}</p> : null}
      {status.kind === 'done' ? <p role="status" className="ok-text" data-testid="backup-status">{status.message}</p> : null}
      {status.kind === 'error' ? <p role="alert" className="field-error" data-testid="backup-status">{status.message}</p> : null}
    </section>
  );
}
