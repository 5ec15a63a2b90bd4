import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { createUlidFactory } from '../../src/shared/ids';
import { Id } from '../../src/shared/schemas/common';
import type { Database } from '../db/schema';
import type { AuthService } from '../services/auth';
import {
  CommentInput,
  commentsOf,
  createNomination,
  listNominations,
  moderateComment,
  NewNomination,
  NominationStep,
  publicNominations,
  receiveComment,
  stepNomination,
  type CommendationClock,
} from '../services/commendation';
import { authenticated, requireAuth } from './auth-hook';

const IdParams = z.object({ id: Id });
const CampaignQuery = z.object({ campaign: Id });

/**
 * The province's nominations (create, publish for comment, close, decide, withdraw; moderate the
 * comments) and the public's side (read posted nominations with their shown comments; send a
 * comment, rate-limited per address). Every change is audited by the service.
 */
export function commendationRoutes(
  app: FastifyInstance,
  auth: AuthService,
  db: Kysely<Database>,
  options: {
    /** The weekdays off that a comment period skips (the deployment's shipped list). */
    holidays: readonly string[];
    /** The server's clock (a test's fixed one): publication and decision days are its days. */
    now?: (() => Date) | undefined;
  },
) {
  const { holidays } = options;
  const clock: CommendationClock = {
    now: options.now ?? (() => new Date()),
    newId: createUlidFactory(),
  };
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const secured = { preValidation: requireAuth(auth) };
  const meta = (summary: string) => ({
    summary,
    tags: ['commendation'],
    security: [{ bearer: [] }],
  });

  typed.get(
    '/api/nominations',
    {
      ...secured,
      schema: { ...meta('The campaign’s nominations, every state'), querystring: CampaignQuery },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return listNominations(db, authenticated(request).actor, request.query.campaign);
    },
  );
  typed.post(
    '/api/nominations',
    {
      ...secured,
      schema: {
        ...meta('Propose a unit whose result was accepted (a draft)'),
        body: NewNomination,
      },
    },
    async (request, reply) => {
      const created = await createNomination(db, authenticated(request).actor, request.body, clock);
      return reply.code(201).send(created);
    },
  );
  typed.post(
    '/api/nominations/:id/steps',
    {
      ...secured,
      schema: {
        ...meta('Publish for comment, close, decide or withdraw'),
        params: IdParams,
        body: NominationStep,
      },
    },
    (request) =>
      stepNomination(db, authenticated(request).actor, request.params.id, request.body, {
        ...clock,
        holidays,
      }),
  );
  typed.get(
    '/api/nominations/:id/comments',
    {
      ...secured,
      schema: {
        ...meta('Every comment on a nomination, pending ones included (moderation)'),
        params: IdParams,
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return commentsOf(db, authenticated(request).actor, request.params.id);
    },
  );
  typed.post(
    '/api/comments/:id/moderation',
    {
      ...secured,
      schema: {
        ...meta('Show or hide a public comment'),
        params: IdParams,
        body: z.object({ state: z.enum(['shown', 'hidden']) }),
      },
    },
    (request) =>
      moderateComment(
        db,
        authenticated(request).actor,
        request.params.id,
        request.body.state,
        clock,
      ),
  );

  typed.get(
    '/api/public/nominations',
    {
      schema: {
        summary: 'Nominations posted for public comment and decided, with moderated comments',
        tags: ['public'],
        querystring: CampaignQuery,
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, no-cache');
      return publicNominations(db, request.query.campaign);
    },
  );
  typed.post(
    '/api/public/comments',
    {
      // The public needs no account: a tight limit per address keeps a script from flooding the
      // moderation queue; the body limit keeps one comment small.
      config: { rateLimit: { max: 5, timeWindow: '10 minutes' } },
      bodyLimit: 8 * 1024,
      schema: {
        summary: 'Send a comment on a nomination open for comment (held for moderation)',
        tags: ['public'],
        body: CommentInput,
      },
    },
    async (request, reply) => {
      await receiveComment(db, request.body, clock);
      // The same answer for a person and a bot caught by the honeypot: the bot learns nothing.
      return reply.code(202).send({ received: true });
    },
  );
}
