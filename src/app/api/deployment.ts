import { DeploymentInfo } from '../../shared/api/public';
import { requestDeployment, takeStartedRequest } from './deployment-request';

export class DeploymentLoadError extends Error {}

/**
 * Fetches the public deployment description. Offline, the service worker answers from its cache
 * (NetworkFirst), so this works after the first visit without a connection. The response is
 * validated like any other boundary input. The first call takes the request main.tsx started at
 * boot when there was one (deployment-request.ts).
 */
export async function fetchDeployment(signal?: AbortSignal): Promise<DeploymentInfo> {
  let response: Response;
  try {
    response = await (takeStartedRequest() ?? requestDeployment(signal));
  } catch (error) {
    throw new DeploymentLoadError(`network: ${(error as Error).message}`);
  }
  if (!response.ok) throw new DeploymentLoadError(`HTTP ${response.status}`);
  const parsed = DeploymentInfo.safeParse(await response.json());
  if (!parsed.success)
    throw new DeploymentLoadError('the server sent an unexpected deployment description');
  return parsed.data;
}
