import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../src/shared/schemas/common';
import type { Database } from '../db/schema';
import type { AuthService } from '../services/auth';
import { submissionTimeline } from '../services/timeline';
import { authenticated, requireAuth } from './auth-hook';

/** `GET /api/submissions/:submissionId/timeline`: who changed what and when, decisions and why. */
export function timelineRoutes(app: FastifyInstance, auth: AuthService, db: Kysely<Database>) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/submissions/:submissionId/timeline',
    {
      preValidation: requireAuth(auth),
      schema: {
        summary: "A submission's history from the audit trail (answers old → new, decisions)",
        tags: ['review'],
        security: [{ bearer: [] }],
        params: z.object({ submissionId: Id }),
      },
    },
    async (request, reply) => {
      // Drafts and names of people: never kept by a shared cache.
      void reply.header('cache-control', 'no-store');
      return submissionTimeline(db, authenticated(request).actor, request.params.submissionId);
    },
  );
}
