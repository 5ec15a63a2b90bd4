import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DeadlineExtension, NewCampaign } from '../../src/shared/api/campaigns';
import { Id } from '../../src/shared/schemas/common';
import type { Database } from '../db/schema';
import type { AuthService } from '../services/auth';
import { CampaignAdmin } from '../services/campaigns';
import { authenticated, requireAuth } from './auth-hook';

const CampaignParams = z.object({ id: Id });

/**
 * Campaigns for the administrators (`campaign.manage` in the actor's subtree): list with the
 * template versions to bind to, create (draft), open, close, and extend the deadline with a
 * reason. Every change is audited by the service.
 */
export function campaignRoutes(
  app: FastifyInstance,
  auth: AuthService,
  db: Kysely<Database>,
  now?: () => Date,
) {
  const campaigns = new CampaignAdmin(db, now);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const secured = { preValidation: requireAuth(auth) };
  const meta = (summary: string) => ({ summary, tags: ['admin'], security: [{ bearer: [] }] });

  typed.get(
    '/api/admin/campaigns',
    { ...secured, schema: meta('Campaigns and the template versions to bind to') },
    (request) => campaigns.list(authenticated(request).actor),
  );
  typed.post(
    '/api/admin/campaigns',
    { ...secured, schema: { ...meta('Create a campaign (draft)'), body: NewCampaign } },
    async (request, reply) => {
      const campaign = await campaigns.create(authenticated(request).actor, request.body);
      return reply.code(201).send({ campaign });
    },
  );
  for (const step of ['open', 'close'] as const) {
    typed.post(
      `/api/admin/campaigns/:id/${step}`,
      { ...secured, schema: { ...meta(`${step} a campaign`), params: CampaignParams } },
      async (request) => ({
        campaign: await campaigns.step(authenticated(request).actor, request.params.id, step),
      }),
    );
  }
  typed.post(
    '/api/admin/campaigns/:id/deadline',
    {
      ...secured,
      schema: {
        ...meta('Extend the deadline, with a reason'),
        params: CampaignParams,
        body: DeadlineExtension,
      },
    },
    async (request) => ({
      campaign: await campaigns.extendDeadline(
        authenticated(request).actor,
        request.params.id,
        request.body,
      ),
    }),
  );
}
