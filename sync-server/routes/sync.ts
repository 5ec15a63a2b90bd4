import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PROTOCOL_VERSION, SyncRequest } from '../../src/shared/protocol/sync';
import { HttpError } from '../errors';
import type { AuthService } from '../services/auth';
import type { SyncService } from '../services/sync/service';
import { authenticated, requireAuth } from './auth-hook';

/** Runs before schema validation, so an outdated client gets 426 rather than a list of schema errors. */
async function checkProtocol(request: FastifyRequest) {
  const body = request.body;
  const protocol =
    typeof body === 'object' && body !== null
      ? (body as { protocol?: unknown }).protocol
      : undefined;
  if (typeof protocol === 'number' && protocol < PROTOCOL_VERSION) {
    throw new HttpError(
      'PROTOCOL_OUTDATED',
      `This app is outdated (protocol ${protocol}, server ${PROTOCOL_VERSION}); update it to sync`,
    );
  }
  if (typeof protocol === 'number' && protocol > PROTOCOL_VERSION) {
    throw new HttpError(
      'VALIDATION_FAILED',
      `The server speaks protocol ${PROTOCOL_VERSION}, older than this app's ${protocol}`,
    );
  }
  return Promise.resolve();
}

export function syncRoutes(app: FastifyInstance, auth: AuthService, sync: SyncService) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/sync',
    {
      // The hot path of a 2G phone: helmet's dozen headers would be most of an edit's bytes, and a
      // JSON API response needs none of them but the two set below (error answers get the same
      // two from sendError in errors.ts).
      helmet: false,
      bodyLimit: 4 * 1024 * 1024,
      preValidation: [requireAuth(auth), checkProtocol],
      schema: {
        summary: 'Push mutations and pull changes in one round trip (see docs/sync-protocol.md)',
        tags: ['sync'],
        security: [{ bearer: [] }],
        body: SyncRequest,
      },
    },
    async (request, reply) => {
      void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
      return sync.sync(authenticated(request), request.body);
    },
  );
}
