import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LoginRequest } from '../../src/shared/protocol/auth';
import type { AuthService } from '../services/auth';
import { authenticated, requireAuth } from './auth-hook';

export function authRoutes(
  app: FastifyInstance,
  auth: AuthService,
  options: { loginRatePerMinute: number },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/api/auth/login',
    {
      // A per-address limit in front of the throttle kept in the database (per account and
      // address, with a ceiling per account): one address cannot try many accounts quickly.
      config: { rateLimit: { max: options.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        summary: 'Sign in on a device; returns an opaque, revocable device token',
        tags: ['auth'],
        body: LoginRequest,
      },
    },
    async (request, reply) => {
      const answer = await auth.login(request.body, request.ip);
      // The answer carries the device token: no cache (browser, service worker, proxy) may keep it.
      void reply.header('cache-control', 'no-store');
      return answer;
    },
  );

  typed.post(
    '/api/auth/logout',
    {
      preValidation: requireAuth(auth),
      schema: { summary: 'Revoke this device token', tags: ['auth'], security: [{ bearer: [] }] },
    },
    async (request, reply) => {
      await auth.logout(authenticated(request));
      return reply.status(204).send();
    },
  );

  typed.get(
    '/api/auth/me',
    {
      preValidation: requireAuth(auth),
      schema: { summary: 'The signed-in user', tags: ['auth'], security: [{ bearer: [] }] },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return auth.sessionUser(authenticated(request).user);
    },
  );
}
