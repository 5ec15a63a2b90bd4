import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignableRoles, type AdminUser, type UserDevice } from '../../../shared/api/users';
import { can, type Actor } from '../../../shared/permissions/can';
import { formatWhen } from '../history/describe-entry';
import {
  failureOf,
  listDevices,
  resetPassword,
  revokeDevice,
  setDisabled,
  type Connection,
  type UsersError,
} from './api';

export interface UserItemProps {
  user: AdminUser;
  unitName: string;
  /** The unit's path; the buttons come from `can()` on it and from the roles the actor may give. */
  unitPath: string | null;
  actor: Actor;
  connection: Connection;
  /** A reset's new password goes up to the screen's sheet, never further. */
  onIssued: (credential: { user: AdminUser; password: string }) => void;
  onChanged: (notice: string) => void;
  onError: (error: UsersError) => void;
}

function DeviceLine({ device, onRevoke }: { device: UserDevice; onRevoke: () => void }) {
  const { t, i18n } = useTranslation('adminUsers');
  const when = (at: string) => formatWhen(at, i18n.language);
  const expired = device.revokedAt === null && device.expiresAt <= new Date().toISOString();
  return (
    <li data-testid="device">
      <strong>{device.deviceName}</strong>
      <br />
      <span className="small">
        {t('deviceSince', { when: when(device.createdAt) })}
        {device.lastUsedAt ? `, ${t('deviceUsed', { when: when(device.lastUsedAt) })}` : ''}
      </span>
      {device.revokedAt ? (
        <p className="small muted">{t('deviceRevoked', { when: when(device.revokedAt) })}</p>
      ) : expired ? (
        <p className="small muted">{t('deviceExpired', { when: when(device.expiresAt) })}</p>
      ) : (
        <div className="user-actions">
          <button type="button" className="secondary small" onClick={onRevoke} data-testid="revoke">
            {t('revoke')}
          </button>
        </div>
      )}
    </li>
  );
}

/** One account: who, where, whether it may sign in, how many devices; and what may be done. */
export function UserItem(props: UserItemProps) {
  const { user, actor, connection, onError, onChanged } = props;
  const { t } = useTranslation('adminUsers');
  const [devices, setDevices] = useState<UserDevice[] | null>(null);
  const [busy, setBusy] = useState(false);
  const manageable =
    props.unitPath !== null &&
    can(actor, 'user.manage', { orgPath: props.unitPath }) &&
    assignableRoles(actor.role).includes(user.role);
  const self = user.id === actor.userId;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      onError(failureOf(error));
    } finally {
      setBusy(false);
    }
  };
  const loadDevices = () => run(async () => setDevices(await listDevices(connection, user.id)));
  const onReset = () => {
    if (!window.confirm(t('resetConfirm', { name: user.displayName }))) return;
    void run(async () => {
      props.onIssued(await resetPassword(connection, user.id));
      onChanged(t('resetDone', { name: user.displayName }));
    });
  };
  const onActivation = () => {
    const disabled = !user.disabled;
    if (disabled && !window.confirm(t('deactivateConfirm', { name: user.displayName }))) return;
    void run(async () => {
      await setDisabled(connection, user.id, disabled);
      onChanged(
        t(disabled ? 'deactivated' : 'reactivated', {
          name: user.displayName,
        }),
      );
    });
  };
  const onRevoke = (device: UserDevice) => {
    if (!window.confirm(t('revokeConfirm', { name: device.deviceName }))) return;
    void run(async () => {
      await revokeDevice(connection, user.id, device.id);
      setDevices(await listDevices(connection, user.id));
      onChanged(t('revoked', { name: device.deviceName }));
    });
  };

  return (
    <li className="user-item" data-testid={`user-${user.username}`}>
      <p>
        <strong>{user.displayName}</strong> · <code>{user.username}</code>
      </p>
      <p className="small">
        {t(`role.${user.role}`, { ns: 'translation' })} · {props.unitName}
      </p>
      <p className="small" data-testid="user-state">
        {user.disabled ? <span className="user-disabled">{t('disabled')}</span> : t('active')}
        {' · '}
        {t('devices', { count: user.activeDevices })}
        {self ? ` · ${t('you')}` : ''}
      </p>
      {manageable ? (
        <div className="user-actions">
          <button type="button" className="secondary small" disabled={busy} onClick={onReset}>
            {t('reset')}
          </button>
          {self ? null : (
            <button
              type="button"
              className="secondary small"
              disabled={busy}
              onClick={onActivation}
            >
              {user.disabled ? t('reactivate') : t('deactivate')}
            </button>
          )}
          <button
            type="button"
            className="secondary small"
            disabled={busy}
            aria-expanded={devices !== null}
            onClick={() => (devices ? setDevices(null) : void loadDevices())}
          >
            {devices ? t('devicesHide') : t('devicesShow')}
          </button>
        </div>
      ) : null}
      {devices ? (
        devices.length === 0 ? (
          <p className="small muted">{t('devicesNone')}</p>
        ) : (
          <ul className="device-list">
            {devices.map((device) => (
              <DeviceLine key={device.id} device={device} onRevoke={() => onRevoke(device)} />
            ))}
          </ul>
        )
      ) : null}
    </li>
  );
}
