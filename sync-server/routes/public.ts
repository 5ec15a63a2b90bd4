import type { FastifyInstance } from 'fastify';
import type { DeploymentInfo, HealthResponse } from '../../src/shared/api/public';

export interface PublicRoutesOptions {
  version: string;
  deployment: DeploymentInfo;
}

export function publicRoutes(app: FastifyInstance, options: PublicRoutesOptions) {
  app.get('/api/health', (): HealthResponse => ({
    status: 'ok',
    version: options.version,
    time: new Date().toISOString(),
  }));

  // The deployment description is the same for everyone and changes only on restart; caches may
  // keep it briefly, and the service worker revalidates it whenever the network is there.
  app.get('/api/public/deployment', (_request, reply) => {
    void reply.header('cache-control', 'no-cache');
    return options.deployment;
  });
}
