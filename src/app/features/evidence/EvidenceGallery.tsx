import { useRef, useState, useSyncExternalStore, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinhChungDb } from '../../db/database';
import { useServices } from '../../services';
import type { EvidenceItem } from '../checklist/use-checklist';
import {
  addEvidenceFile,
  deleteEvidence,
  EvidenceSaveError,
  updateCaption,
  type EvidenceTarget,
} from './repository';
import { useBlobUrl } from './use-blob-url';

const NO_PROGRESS = () => () => undefined;
const NOTHING = () => null;

/** This photo's upload progress in percent while it is being sent, else null. */
function useUploadProgress(sha256: string): number | null {
  const { sync } = useServices();
  return useSyncExternalStore(sync?.subscribe ?? NO_PROGRESS, () => {
    const upload = sync?.getStatus().uploads[sha256];
    return upload && upload.total > 0 ? Math.floor((upload.sent / upload.total) * 100) : NOTHING();
  });
}

function EvidenceTile({
  db,
  item,
  editable,
  userId,
}: {
  db: MinhChungDb;
  item: EvidenceItem;
  editable: boolean;
  userId: string;
}) {
  const { t } = useTranslation();
  const isPdf = item.mime === 'application/pdf';
  const preview = useBlobUrl(db, isPdf ? undefined : (item.thumbSha256 ?? item.sha256));
  const bytes = useBlobUrl(db, item.sha256);
  const [caption, setCaption] = useState(item.caption);
  const progress = useUploadProgress(item.sha256);
  const state =
    progress !== null
      ? t('evidence.uploading', { percent: String(progress) })
      : bytes.refusal
        ? t('evidence.refused')
        : bytes.uploaded
          ? t('evidence.uploaded')
          : bytes.url
            ? t('evidence.waiting')
            : null;
  return (
    <li className="evidence-tile" data-testid={`evidence-${item.id}`}>
      {isPdf ? (
        <div className="evidence-doc">PDF</div>
      ) : preview.url ? (
        <img src={preview.url} alt={item.caption || t('evidence.title')} />
      ) : (
        <div className="evidence-doc small">{t('evidence.notOnDevice')}</div>
      )}
      <div className="evidence-meta">
        {editable ? (
          <input
            aria-label={t('evidence.caption')}
            placeholder={t('evidence.caption')}
            value={caption}
            maxLength={500}
            onChange={(event) => setCaption(event.target.value)}
            onBlur={() => {
              if (caption !== item.caption) void updateCaption(db, userId, item.id, caption);
            }}
          />
        ) : (
          <p>{item.caption}</p>
        )}
        {state ? (
          <span
            className={`chip ${bytes.uploaded ? 'chip-ok' : bytes.refusal ? 'chip-error' : ''}`}
          >
            {state}
          </span>
        ) : null}
        {editable ? (
          <button
            type="button"
            className="secondary small"
            onClick={() => {
              if (window.confirm(t('evidence.deleteConfirm')))
                void deleteEvidence(db, userId, item.id);
            }}
          >
            {t('evidence.delete')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** Photos and documents of one indicator: take or pick, see, caption, delete before submission. */
export function EvidenceGallery({
  db,
  target,
  items,
  editable,
}: {
  db: MinhChungDb;
  target: EvidenceTarget;
  items: EvidenceItem[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      for (const file of files) await addEvidenceFile(db, target, file);
    } catch (failure) {
      const code = failure instanceof EvidenceSaveError ? failure.code : 'FAILED';
      setError(t(`evidence.error_${code}`, { message: (failure as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const slug = target.indicatorId.replace(/[^a-zA-Z0-9]/g, '-');
  return (
    <section className="evidence" aria-label={t('evidence.title')}>
      {items.length > 0 ? (
        <ul className="evidence-list">
          {items.map((item) => (
            <EvidenceTile
              key={item.id}
              db={db}
              item={item}
              editable={editable}
              userId={target.userId}
            />
          ))}
        </ul>
      ) : null}
      {editable ? (
        <div className="evidence-actions">
          <input
            ref={cameraInput}
            id={`camera-${slug}`}
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(event) => void onFiles(event)}
            data-testid={`camera-${target.indicatorId}`}
          />
          <input
            ref={fileInput}
            id={`files-${slug}`}
            className="visually-hidden"
            type="file"
            accept="image/*,application/pdf"
            multiple
            onChange={(event) => void onFiles(event)}
            data-testid={`files-${target.indicatorId}`}
          />
          <button
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() => cameraInput.current?.click()}
          >
            {t('evidence.takePhoto')}
          </button>
          <button
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() => fileInput.current?.click()}
          >
            {t('evidence.pickFiles')}
          </button>
        </div>
      ) : null}
      {busy ? <p role="status">{t('evidence.processing')}</p> : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
