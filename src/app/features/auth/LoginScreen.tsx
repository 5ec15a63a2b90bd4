import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../services';
import { LoginError, type LoginFailure } from './api';
import type { Session } from './session';
import { signIn } from './sign-in';
import { formatWait } from './wait';

function deviceName(): string {
  const agent = navigator.userAgent;
  const platform = /Android/i.test(agent)
    ? 'Android'
    : /iPhone|iPad/i.test(agent)
      ? 'iOS'
      : /Windows/i.test(agent)
        ? 'Windows'
        : /Mac/i.test(agent)
          ? 'macOS'
          : 'Linux';
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrome\//.test(agent)
        ? 'Chrome'
        : 'Safari';
  return `${platform} · ${browser}`;
}

export interface LoginScreenProps {
  baseUrl: string;
  onSignedIn: (session: Session) => Promise<void>;
  /** Signing in again on a phone that holds this user's unsent work: the username is fixed. */
  username?: string;
}

export function LoginScreen({ baseUrl, onSignedIn, username: fixedUsername }: LoginScreenProps) {
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const [username, setUsername] = useState(fixedUsername ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | 'EMPTY' | null>(null);
  const [retryAfter, setRetryAfter] = useState<number | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setFailure('EMPTY');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await onSignedIn(await signIn(db, baseUrl, { username, password, deviceName: deviceName() }));
    } catch (error) {
      setFailure(error instanceof LoginError ? error.reason : 'SERVER');
      setRetryAfter(error instanceof LoginError ? error.retryAfterSeconds : undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card login"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="login-title"
    >
      <h2 id="login-title">{t('auth.title')}</h2>
      <div className="field">
        <label htmlFor="login-username">{t('auth.username')}</label>
        <input
          id="login-username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          readOnly={fixedUsername !== undefined}
          onChange={(event) => setUsername(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">{t('auth.password')}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      {failure ? (
        <p className="field-error" role="alert" data-testid="login-error">
          {failure === 'EMPTY'
            ? t('auth.required', {
                field: !username.trim()
                  ? t('auth.username').toLowerCase()
                  : t('auth.password').toLowerCase(),
              })
            : (failure === 'LOGIN_THROTTLED' || failure === 'RATE_LIMITED') &&
                retryAfter !== undefined
              ? t(`auth.error_${failure}_wait`, {
                  wait: formatWait(retryAfter, i18n.language),
                })
              : t(`auth.error_${failure}`)}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? t('auth.submitting') : t('auth.submit')}
      </button>
      <p className="muted small">{t('auth.onceOnline')}</p>
    </form>
  );
}
