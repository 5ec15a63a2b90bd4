import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decisionsAt } from '../../../shared/permissions/decisions';
import { localized } from '../../i18n';
import { ensureReviewMessages } from '../../i18n/review';
import { useServices } from '../../services';
import { useNavigation } from '../../ui/navigation';
import type { Session } from '../auth/session';
import {
  filterRows,
  INBOX_SORTS,
  INBOX_STATUSES,
  sortRows,
  type InboxRow,
  type InboxSort,
  type InboxStatus,
} from './inbox';
import { InboxRowItem } from './InboxRow';
import { useInbox } from './use-inbox';
import './review.css';

export type InboxVariant = 'reviewer' | 'province';

const isSort = (value: string | null): value is InboxSort => INBOX_SORTS.some((s) => s === value);
const isStatus = (value: string | null): value is InboxStatus =>
  INBOX_STATUSES.some((s) => s === value);

/**
 * The list a reviewer works from. The reviewer sees every unit it reviews (progress included: a
 * commune that has not started is listed, to be urged); the province sees the results waiting for
 * it and those it has accepted. Which units, and whether a decision waits, come from can().
 * Search, filter and sort live in the address, so coming back from a submission keeps them.
 */
export function InboxScreen({ session, variant }: { session: Session; variant: InboxVariant }) {
  ensureReviewMessages();
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const actor = {
    userId: session.user.id,
    role: session.user.role,
    orgPath: session.user.orgPath,
  };
  const state = useInbox(db, actor);
  // Days to the deadline are counted from when the list was opened.
  const [now] = useState(Date.now);
  const { search: params, pathname, go } = useNavigation();
  const query = params.get('q') ?? '';
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : 'all';
  const sortParam = params.get('sort');
  const sort = isSort(sortParam) ? sortParam : 'status';
  const set = (name: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(name);
    else next.set(name, value);
    const search = next.toString();
    go(search ? `${pathname}?${search}` : pathname, { replace: true });
  };

  const waitsForMe = (row: InboxRow) =>
    row.status !== 'notStarted' &&
    decisionsAt(actor, { orgPath: row.path, status: row.status }).length > 0;
  const rows = useMemo(() => {
    if (state.kind !== 'ready') return [];
    return variant === 'province'
      ? state.rows.filter((row) => row.status === 'accepted' || waitsForMe(row))
      : state.rows;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the actor is the stable session user
  }, [state, variant]);

  if (state.kind === 'loading') return <p className="card muted">{t('review.loading')}</p>;
  if (state.kind === 'none') return <p className="card">{t('review.noCampaign')}</p>;
  const shown = sortRows(filterRows(rows, { status, query }), sort);
  const statuses = INBOX_STATUSES.filter((s) => rows.some((row) => row.status === s));

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <header className="card inbox-head">
        <p className="eyebrow">{localized(state.campaign.title, i18n.language)}</p>
        <h2 id="inbox-title">{t(`review.title_${variant}`)}</h2>
        <p className="small" data-testid="inbox-summary">
          {t('review.summary', { waiting: rows.filter(waitsForMe).length, total: rows.length })}
        </p>
        <div className="field">
          <label htmlFor="inbox-search">{t('review.search')}</label>
          <input
            id="inbox-search"
            type="search"
            value={query}
            placeholder={t('review.searchHint')}
            autoComplete="off"
            onChange={(event) => set('q', event.target.value, '')}
          />
        </div>
        <div className="inbox-controls">
          <div className="field">
            <label htmlFor="inbox-status">{t('review.filter')}</label>
            <select
              id="inbox-status"
              value={status}
              onChange={(event) => set('status', event.target.value, 'all')}
            >
              <option value="all">{t('review.filterAll')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`review.status_${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="inbox-sort">{t('review.sort')}</label>
            <select
              id="inbox-sort"
              value={sort}
              onChange={(event) => set('sort', event.target.value, 'status')}
            >
              {INBOX_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`review.sort_${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {shown.length < rows.length ? (
          <p className="small muted" role="status" data-testid="inbox-shown">
            {t('review.shown', { shown: shown.length, total: rows.length })}
          </p>
        ) : null}
      </header>
      {shown.length === 0 ? <p className="card muted">{t('review.empty')}</p> : null}
      <ul className="inbox-list" data-testid="inbox-list">
        {shown.map((row) => (
          <InboxRowItem key={row.unitId} row={row} deadline={state.campaign.deadline} now={now} />
        ))}
      </ul>
    </section>
  );
}
