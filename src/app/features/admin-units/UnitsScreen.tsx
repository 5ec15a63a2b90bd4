import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitMergeRecord, UnitTree } from '../../../shared/api/units';
import type { OrgUnit } from '../../../shared/schemas/org';
import { ensureAdminUnitsMessages } from '../../i18n/admin-units';
import { useServices } from '../../services';
import { useDateFormat } from '../../ui/format-date';
import type { Session } from '../auth/session';
import { loadUnitTree, renameUnit } from './api';
import { UnitImport } from './UnitImport';
import { UnitMerge } from './UnitMerge';
import { failureText, unitLabel } from './words';
import './admin-units.css';

type Load =
  { kind: 'loading' } | { kind: 'ready'; tree: UnitTree } | { kind: 'failed'; message: string };

/**
 * The unit tree for those who manage it (`orgUnit.manage`): browse and search, rename, import a
 * file, record merges. Administration is online work: the tree is read from the server each time,
 * so what is shown is what the server holds.
 */
export function UnitsScreen({ session }: { session: Session }) {
  ensureAdminUnitsMessages();
  const { t } = useTranslation('adminUnits');
  const { baseUrl } = useServices();
  const connection = { baseUrl, token: session.token };
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [query, setQuery] = useState('');

  const reload = useCallback(() => {
    loadUnitTree({ baseUrl, token: session.token }).then(
      (tree) => setLoad({ kind: 'ready', tree }),
      (error: unknown) => setLoad({ kind: 'failed', message: failureText(t, error) }),
    );
  }, [baseUrl, session.token, t]);
  useEffect(reload, [reload]);

  return (
    <div className="admin-units" data-testid="units-screen">
      <section className="card">
        <h2>{t('title')}</h2>
        <p className="small muted">{t('intro')}</p>
      </section>
      {load.kind === 'loading' ? <p className="card muted">{t('loading')}</p> : null}
      {load.kind === 'failed' ? (
        <div className="card" role="alert">
          <p>{load.message}</p>
          <button type="button" className="secondary" onClick={reload}>
            {t('retry')}
          </button>
        </div>
      ) : null}
      {load.kind === 'ready' ? (
        <>
          <section className="card" aria-labelledby="unit-tree-title">
            <h3 id="unit-tree-title">{t('treeTitle')}</h3>
            <input
              type="search"
              placeholder={t('search')}
              aria-label={t('search')}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              data-testid="unit-search"
              className="unit-search"
            />
            <TreeList tree={load.tree} query={query} connection={connection} onChanged={reload} />
          </section>
          <UnitImport connection={connection} onImported={reload} />
          <UnitMerge connection={connection} tree={load.tree} onMerged={reload} />
        </>
      ) : null}
    </div>
  );
}

interface TreeProps {
  tree: UnitTree;
  query: string;
  connection: { baseUrl: string; token: string };
  onChanged: () => void;
}

/** The units under the root, grouped by their parent; a search lists the matching units flat. */
function TreeList({ tree, query, connection, onChanged }: TreeProps) {
  const root = tree.units[0];
  if (!root) return null;
  const children = new Map<string, OrgUnit[]>();
  for (const unit of tree.units.slice(1)) {
    const siblings = children.get(unit.parentId ?? '') ?? [];
    siblings.push(unit);
    children.set(unit.parentId ?? '', siblings);
  }
  const needle = query.trim().toLocaleLowerCase('vi');
  const row = (unit: OrgUnit) => (
    <UnitRow key={unit.id} unit={unit} tree={tree} connection={connection} onChanged={onChanged} />
  );
  if (needle !== '')
    return (
      <ul className="unit-list">
        {tree.units
          .filter((unit) =>
            `${unit.name} ${unit.fullName ?? ''} ${unit.code}`
              .toLocaleLowerCase('vi')
              .includes(needle),
          )
          .map(row)}
      </ul>
    );
  return (
    <ul className="unit-list">
      {row(root)}
      {(children.get(root.id) ?? []).map((unit) =>
        children.has(unit.id) ? (
          <li key={unit.id}>
            <details data-testid={`unit-group-${unit.id}`}>
              <summary>
                <UnitName unit={unit} tree={tree} />
              </summary>
              <ul className="unit-list">
                {row(unit)}
                {(children.get(unit.id) ?? []).map(row)}
              </ul>
            </details>
          </li>
        ) : (
          row(unit)
        ),
      )}
    </ul>
  );
}

function mergeOf(unitId: string, merges: readonly UnitMergeRecord[]) {
  return merges.find((merge) => merge.sources.includes(unitId));
}

function UnitName({ unit, tree }: { unit: OrgUnit; tree: UnitTree }) {
  const { t, i18n } = useTranslation('adminUnits');
  const dates = useDateFormat();
  const byId = new Map(tree.units.map((u) => [u.id, u]));
  const merged = mergeOf(unit.id, tree.merges);
  const takenOver = tree.merges
    .filter((merge) => merge.target === unit.id)
    .flatMap((m) => m.sources);
  const nameOf = (id: string) => {
    const other = byId.get(id);
    return other ? unitLabel(other, i18n.language) : id;
  };
  return (
    <span className="unit-name">
      <strong className={merged ? 'retired' : undefined}>
        {i18n.language === 'en' && unit.nameEn ? unit.nameEn : (unit.fullName ?? unit.name)}
      </strong>{' '}
      <span className="small muted">{t('code', { code: unit.code })}</span>
      {merged ? (
        <span className="small badge" data-testid={`unit-merged-${unit.id}`}>
          {t('mergedInto', {
            name: nameOf(merged.target),
            date: dates.date(merged.effectiveOn),
          })}
        </span>
      ) : null}
      {takenOver.length > 0 ? (
        <span className="small muted">
          {t('mergedFrom', { names: takenOver.map(nameOf).join(', ') })}
        </span>
      ) : null}
    </span>
  );
}

function UnitRow({
  unit,
  tree,
  connection,
  onChanged,
}: { unit: OrgUnit } & Omit<TreeProps, 'query'>) {
  const { t } = useTranslation('adminUnits');
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(unit.name);
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  const save = async () => {
    try {
      await renameUnit(connection, unit.id, { name: name.trim() });
      setEditing(false);
      setMessage({ text: t('renamed', { name: name.trim() }), alert: false });
      onChanged();
    } catch (error) {
      setMessage({ text: failureText(t, error), alert: true });
    }
  };
  return (
    <li className="unit-row" data-testid={`unit-row-${unit.id}`}>
      <UnitName unit={unit} tree={tree} />
      {editing ? (
        <span className="rename">
          <input
            value={name}
            aria-label={t('renameLabel', { name: unit.name })}
            onChange={(event) => setName(event.target.value)}
          />
          <button
            type="button"
            className="small"
            disabled={name.trim() === ''}
            onClick={() => void save()}
          >
            {t('renameSave')}
          </button>
          <button type="button" className="secondary small" onClick={() => setEditing(false)}>
            {t('cancel')}
          </button>
        </span>
      ) : (
        <button type="button" className="secondary small" onClick={() => setEditing(true)}>
          {t('rename')}
        </button>
      )}
      {message ? (
        <span role={message.alert ? 'alert' : 'status'} className="small">
          {message.text}
        </span>
      ) : null}
    </li>
  );
}
