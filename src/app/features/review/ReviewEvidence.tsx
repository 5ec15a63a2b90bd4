import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { capturedOutsidePeriod } from '../../../shared/review/flags';
import type { Campaign } from '../../../shared/schemas/campaign';
import { isPhotoMime } from '../../../shared/schemas/evidence';
import type { MinhChungDb } from '../../db/database';
import { useServices } from '../../services';
import { useFormat } from '../../ui/format';
import { useDateFormat } from '../../ui/format-date';
import { useBlobUrl } from '../evidence/use-blob-url';
import type { ReviewEvidence } from './records';
import { useFullPhoto } from './use-full-photo';

/** The full photo over the screen; Escape or the button closes it and focus goes back. */
function PhotoViewer({
  db,
  item,
  token,
  onClose,
}: {
  db: MinhChungDb;
  item: ReviewEvidence;
  token: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { baseUrl } = useServices();
  const state = useFullPhoto(db, item.sha256, { baseUrl, token });
  const photo = useBlobUrl(db, state.kind === 'local' ? item.sha256 : undefined);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const label = item.caption || t('review.photo', { id: item.indicatorId });
  return (
    <div
      className="photo-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={label}
      data-testid="photo-viewer"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <button ref={close} type="button" className="secondary" onClick={onClose}>
        {t('review.closePhoto')}
      </button>
      {photo.url ? (
        <img src={photo.url} alt={label} data-testid="full-photo" />
      ) : (
        <p role="status">
          {state.kind === 'offline'
            ? t('review.photoOffline')
            : state.kind === 'failed'
              ? t('review.photoFailed')
              : t('review.photoLoading')}
        </p>
      )}
      {item.caption ? <p>{item.caption}</p> : null}
    </div>
  );
}

/** Where and when the photo was taken, and what deserves a second look. */
function EvidenceFacts({ item, period }: { item: ReviewEvidence; period: Campaign['period'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dates = useDateFormat();
  const gps = item.gps;
  const coordinates = gps
    ? { lat: format.number(gps.lat, 5), lng: format.number(gps.lng, 5) }
    : null;
  return (
    <>
      <p className="review-meta" data-testid="evidence-taken">
        {item.capturedAt
          ? t('review.takenAt', { time: dates.wallClock(item.capturedAt) })
          : t('review.takenUnknown')}
      </p>
      <p className="review-meta" data-testid="evidence-gps">
        {coordinates && gps
          ? gps.accuracy !== undefined
            ? t('review.gpsAccuracy', { ...coordinates, meters: format.number(gps.accuracy, 0) })
            : t('review.gps', coordinates)
          : t('review.noGps')}
      </p>
      {capturedOutsidePeriod(item.capturedAt, period) ? (
        <p className="review-meta review-flag" role="note" data-testid="flag-outside-period">
          {t('review.outsidePeriod', {
            start: dates.date(period.start),
            end: dates.date(period.end),
          })}
        </p>
      ) : null}
    </>
  );
}

function EvidenceTile({
  db,
  item,
  period,
  token,
}: {
  db: MinhChungDb;
  item: ReviewEvidence;
  period: Campaign['period'];
  token: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const photo = isPhotoMime(item.mime);
  const thumb = useBlobUrl(db, photo ? (item.thumbSha256 ?? item.sha256) : undefined);
  const caption = item.caption || t('review.photo', { id: item.indicatorId });
  return (
    <li className="evidence-tile" data-testid={`review-evidence-${item.id}`}>
      {!photo ? (
        <div className="evidence-doc">{t('review.document')}</div>
      ) : (
        <button
          type="button"
          className="thumb"
          aria-label={t('review.openPhoto', { caption })}
          onClick={() => setOpen(true)}
        >
          {thumb.url ? (
            <img src={thumb.url} alt="" data-testid="thumbnail" />
          ) : (
            <span className="evidence-doc small">{t('review.thumbMissing')}</span>
          )}
        </button>
      )}
      <div className="evidence-meta">
        {item.caption ? <p>{item.caption}</p> : null}
        <EvidenceFacts item={item} period={period} />
      </div>
      {open ? (
        <PhotoViewer db={db} item={item} token={token} onClose={() => setOpen(false)} />
      ) : null}
    </li>
  );
}

/** An indicator's evidence as the reviewer sees it: thumbnails from the phone, facts, flags. */
export function ReviewEvidenceList({
  db,
  items,
  period,
  token,
}: {
  db: MinhChungDb;
  items: ReviewEvidence[];
  period: Campaign['period'];
  token: string;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="small muted">{t('review.noEvidence')}</p>;
  return (
    <ul className="evidence-list review-evidence" aria-label={t('evidence.title')}>
      {items.map((item) => (
        <EvidenceTile key={item.id} db={db} item={item} period={period} token={token} />
      ))}
    </ul>
  );
}
