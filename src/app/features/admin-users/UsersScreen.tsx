import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCredential, NewUser } from '../../../shared/api/users';
import { isInSubtree } from '../../../shared/hierarchy/paths';
import { can } from '../../../shared/permissions/can';
import { ensureAdminUsersMessages } from '../../i18n/admin-users';
import { useServices } from '../../services';
import type { Session } from '../auth/session';
import { unitDisplayName } from '../checklist/unit-names';
import { createUsers, failureOf, listUsers, type UsersError } from './api';
import { BulkCreate } from './BulkCreate';
import { CreateOne } from './CreateOne';
import { CredentialSheet } from './CredentialSheet';
import { failureText } from './messages';
import { groupCredentials } from './sheet';
import { UserItem } from './UserItem';
import { UserFilters, UserListBody, type ListState } from './UserList';
import { useUnits } from './units';
import './admin-users.css';

/** The accounts of one unit, read again on `reload()`. */
function useUserList(connection: { baseUrl: string; token: string }, unitFilter: string) {
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  // Only the latest request's answer is shown: a slow answer for the unit chosen before must not
  // replace the list of the unit chosen now.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const request = ++latest.current;
    listUsers(connection, unitFilter).then(
      (users) => {
        if (request === latest.current) setList({ kind: 'ready', users });
      },
      (failure: unknown) => {
        if (request === latest.current) setList({ kind: 'failed', error: failureOf(failure) });
      },
    );
  }, [connection, unitFilter]);
  useEffect(reload, [reload]);
  return { list, setList, reload };
}

/**
 * The administrators' accounts (`user.manage` in their subtree), online: the list by unit and
 * role, one account or a sheet of them, resets, deactivation and devices. First passwords stay
 * in this component's state only, never in IndexedDB, storage or the address, until printed.
 */
export function UsersScreen({ session }: { session: Session }) {
  ensureAdminUsersMessages();
  const { t, i18n } = useTranslation('adminUsers');
  const { db, baseUrl } = useServices();
  const connection = useMemo(() => ({ baseUrl, token: session.token }), [baseUrl, session.token]);
  const { id: userId, role, orgPath, orgUnitId } = session.user;
  const actor = useMemo(() => ({ userId, role, orgPath }), [userId, role, orgPath]);
  const unitsById = useUnits(db);
  const [unitFilter, setUnitFilter] = useState(orgUnitId);
  const [roleFilter, setRoleFilter] = useState('');
  const [credentials, setCredentials] = useState<IssuedCredential[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<UsersError | null>(null);

  const { list, setList, reload } = useUserList(connection, unitFilter);

  const units = useMemo(
    () => [...(unitsById?.values() ?? [])].filter((unit) => isInSubtree(unit.path, orgPath)),
    [unitsById, orgPath],
  );
  const nameOf = useCallback(
    (id: string) => {
      const unit = unitsById?.get(id);
      return unit ? unitDisplayName(unit, i18n.language) : id;
    },
    [unitsById, i18n.language],
  );
  const groups = useMemo(
    () =>
      groupCredentials(credentials, unitsById ?? new Map(), (unit) =>
        unitDisplayName(unit, i18n.language),
      ),
    [credentials, unitsById, i18n.language],
  );
  const taken = useMemo(
    () => new Set(list.kind === 'ready' ? list.users.map((user) => user.username) : []),
    [list],
  );

  if (!can(actor, 'user.manage', { orgPath }))
    return <p className="card banner-error">{t('failure_notAllowed')}</p>;

  const changed = (text: string) => {
    setError(null);
    setNotice(text);
    reload();
  };
  const onCreate = async (users: NewUser[]): Promise<UsersError | null> => {
    try {
      const issued = await createUsers(connection, users);
      setCredentials((shown) => [...shown, ...issued]);
      changed(t('created', { count: issued.length }));
      return null;
    } catch (failure) {
      return failureOf(failure);
    }
  };

  return (
    <div className="users-screen" data-testid="users-screen">
      <CredentialSheet
        groups={groups}
        address={baseUrl || window.location.origin}
        onDone={() => setCredentials([])}
      />
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">{t('title')}</h2>
        <p className="small muted">{t('explain')}</p>
        <UserFilters
          units={units}
          orgPath={orgPath}
          unitFilter={unitFilter}
          roleFilter={roleFilter}
          onUnit={(unitId) => {
            // Not the previous unit's accounts under the new unit's name while the list loads.
            setList({ kind: 'loading' });
            setUnitFilter(unitId);
          }}
          onRole={setRoleFilter}
        />
        <div role="status" aria-live="polite">
          {notice ? (
            <p className="banner-ok" data-testid="users-notice">
              {notice}
            </p>
          ) : null}
          {error ? (
            <p className="banner-error" data-testid="users-error">
              {failureText(t, error)}
            </p>
          ) : null}
        </div>
        <UserListBody
          list={list}
          roleFilter={roleFilter}
          onReload={reload}
          render={(user) => (
            <UserItem
              key={user.id}
              user={user}
              unitName={nameOf(user.orgUnitId)}
              unitPath={unitsById?.get(user.orgUnitId)?.path ?? null}
              actor={actor}
              connection={connection}
              onIssued={(credential) => setCredentials((all) => [...all, credential])}
              onChanged={changed}
              onError={(failure) => {
                setNotice(null);
                setError(failure);
              }}
            />
          )}
        />
      </section>
      <CreateOne actor={actor} units={units} onCreate={onCreate} />
      <BulkCreate actor={actor} units={units} taken={taken} onCreate={onCreate} />
    </div>
  );
}
