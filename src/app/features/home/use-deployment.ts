import { useCallback, useEffect, useState } from 'react';
import { DeploymentInfo } from '../../../shared/api/public';
import { fetchDeployment } from '../../api/deployment';

export type DeploymentState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; deployment: DeploymentInfo; fresh: boolean };

const CACHE_KEY = 'mc.deployment';

/**
 * The app keeps its own copy of the last good answer instead of relying on the service worker's
 * HTTP cache: the very first fetch happens before the worker controls the page, so only an
 * app-level copy guarantees the shell still knows its province on the first offline start.
 */
function readCached(): DeploymentInfo | null {
  try {
    const raw = globalThis.localStorage?.getItem(CACHE_KEY);
    if (!raw) return null;
    const parsed = DeploymentInfo.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function writeCached(deployment: DeploymentInfo) {
  try {
    globalThis.localStorage?.setItem(CACHE_KEY, JSON.stringify(deployment));
  } catch {
    // Storage full or disabled: the app still works online, it just cannot start offline.
  }
}

function initialState(): DeploymentState {
  const cached = readCached();
  return cached ? { kind: 'ready', deployment: cached, fresh: false } : { kind: 'loading' };
}

/** Stale-while-revalidate: show the cached description at once, refresh it when the network allows. */
export function useDeployment(): { state: DeploymentState; retry: () => void } {
  const [state, setState] = useState<DeploymentState>(initialState);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchDeployment(controller.signal).then(
      (deployment) => {
        writeCached(deployment);
        setState({ kind: 'ready', deployment, fresh: true });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((current) =>
          current.kind === 'ready'
            ? current
            : { kind: 'failed', message: (error as Error).message },
        );
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState((current) => (current.kind === 'ready' ? current : { kind: 'loading' }));
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}
