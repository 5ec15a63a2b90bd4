/**
 * The deployment description's request, startable before the first render. Signed out, the first
 * screen shows it (province, checklist, units) and it is the page's largest text: waiting for
 * React to mount the home screen before asking costs round trips a 3G phone feels. main.tsx starts
 * it while the app boots; the home screen takes that response, once, instead of asking again.
 */
const DEPLOYMENT_URL = '/api/public/deployment';

let started: Promise<Response> | null = null;

export function requestDeployment(signal?: AbortSignal): Promise<Response> {
  return fetch(DEPLOYMENT_URL, { signal: signal ?? null, headers: { accept: 'application/json' } });
}

export function startDeploymentRequest(): void {
  if (started) return;
  started = requestDeployment();
  // A failure is handled by whoever takes the response; an untaken one must not be "unhandled".
  started.catch(() => undefined);
}

/** The request started at boot, handed out once (a response body reads only once), else null. */
export function takeStartedRequest(): Promise<Response> | null {
  const request = started;
  started = null;
  return request;
}
