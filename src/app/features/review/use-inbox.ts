import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/schemas/campaign';
import type { MinhChungDb } from '../../db/database';
import { buildRows, type InboxRow } from './inbox';
import { loadInbox, type Actor } from './repository';

export type InboxState =
  { kind: 'loading' } | { kind: 'none' } | { kind: 'ready'; campaign: Campaign; rows: InboxRow[] };

/** The inbox, live: a pull (a commune's answers, a status) re-renders it. */
export function useInbox(db: MinhChungDb, actor: Actor): InboxState {
  const { i18n } = useTranslation();
  const { userId, role, orgPath } = actor;
  const source = useLiveQuery(
    () => loadInbox(db, { userId, role, orgPath }),
    [db, userId, role, orgPath],
    'loading' as const,
  );
  const language = i18n.language;
  return useMemo((): InboxState => {
    if (source === 'loading') return { kind: 'loading' };
    if (!source) return { kind: 'none' };
    return { kind: 'ready', campaign: source.campaign, rows: buildRows(source, language) };
  }, [source, language]);
}
