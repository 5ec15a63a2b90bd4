import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { AuditVerifyResponse } from '../../src/shared/api/admin';
import { explain } from '../../src/shared/permissions/can';
import type { Database } from '../db/schema';
import { HttpError } from '../errors';
import { verifyAuditChain } from '../services/audit';
import type { AuthService } from '../services/auth';
import { authenticated, requireAuth } from './auth-hook';

async function brokenEventSummary(db: Kysely<Database>, seq: number) {
  const row = await db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor')
    .select(['seq', 'at', 'action', 'target', 'actor', 'users.display_name'])
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    seq: Number(row.seq),
    at: row.at,
    action: row.action,
    target: row.target,
    actorName: row.display_name ?? row.actor,
  };
}

/** The system administrator's tools that are not data entry: today, the audit-chain check. */
export function adminRoutes(app: FastifyInstance, auth: AuthService, db: Kysely<Database>) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/admin/audit/verify',
    {
      preValidation: requireAuth(auth),
      // A walk of the whole chain: not something to start many times a minute.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: 'Walk the audit chain and name the first event that was changed or removed',
        tags: ['admin'],
        security: [{ bearer: [] }],
      },
    },
    async (request, reply): Promise<AuditVerifyResponse> => {
      const { actor } = authenticated(request);
      const decision = explain(actor, 'audit.verify', { orgPath: actor.orgPath });
      if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
      void reply.header('cache-control', 'no-store');
      const verifiedAt = new Date().toISOString();
      const result = await verifyAuditChain(db);
      if (result.ok) return { ok: true, events: result.events, verifiedAt };
      const event = await brokenEventSummary(db, result.brokenAt);
      return {
        ok: false,
        events: result.events,
        brokenAt: result.brokenAt,
        problem: result.problem,
        ...(event ? { event } : {}),
        verifiedAt,
      };
    },
  );
}
