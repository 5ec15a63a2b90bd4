import { DeploymentInfo } from '../../shared/api/public';

export class DeploymentLoadError extends Error {}

/**
 * Fetches the public deployment description. Offline, the service worker answers from its cache
 * (NetworkFirst), so this works after the first visit without a connection. The response is
 * validated like any other boundary input.
 */
export async function fetchDeployment(signal?: AbortSignal): Promise<DeploymentInfo> {
  let response: Response;
  try {
    response = await fetch('/api/public/deployment', {
      signal: signal ?? null,
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new DeploymentLoadError(`network: ${(error as Error).message}`);
  }
  if (!response.ok) throw new DeploymentLoadError(`HTTP ${response.status}`);
  const parsed = DeploymentInfo.safeParse(await response.json());
  if (!parsed.success)
    throw new DeploymentLoadError('the server sent an unexpected deployment description');
  return parsed.data;
}
