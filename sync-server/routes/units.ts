import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NewUnitMerge, UnitImportRequest, UnitRename } from '../../src/shared/api/units';
import { UnitCode } from '../../src/shared/schemas/org';
import type { Database } from '../db/schema';
import type { AuthService } from '../services/auth';
import { UnitAdmin } from '../services/units';
import { authenticated, requireAuth } from './auth-hook';

const UnitParams = z.object({ id: UnitCode });

/**
 * The unit tree for the administrators (`orgUnit.manage` in the actor's subtree): browse, import
 * a file (with a dry run that only answers with the plan or the problems), rename, and merge.
 */
export function unitRoutes(
  app: FastifyInstance,
  auth: AuthService,
  db: Kysely<Database>,
  now?: () => Date,
) {
  const units = new UnitAdmin(db, now);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const secured = { preValidation: requireAuth(auth) };
  const meta = (summary: string) => ({ summary, tags: ['admin'], security: [{ bearer: [] }] });

  typed.get(
    '/api/admin/units',
    { ...secured, schema: meta('The unit tree at and below the actor, with its merges') },
    (request) => units.tree(authenticated(request).actor),
  );
  typed.post(
    '/api/admin/units/import',
    {
      ...secured,
      // A province's file is a few hundred kilobytes; the default 1 MiB body limit is too tight
      // for a national one, which the schema caps at 2 MB of text.
      bodyLimit: 4 * 1024 * 1024,
      schema: { ...meta('Import units from JSON or CSV, all or none'), body: UnitImportRequest },
    },
    (request) => units.importUnits(authenticated(request).actor, request.body),
  );
  typed.post(
    '/api/admin/units/:id/name',
    { ...secured, schema: { ...meta('Rename a unit'), params: UnitParams, body: UnitRename } },
    (request) => units.rename(authenticated(request).actor, request.params.id, request.body),
  );
  typed.post(
    '/api/admin/units/merges',
    { ...secured, schema: { ...meta('Merge units into one'), body: NewUnitMerge } },
    async (request, reply) =>
      reply.code(201).send(await units.merge(authenticated(request).actor, request.body)),
  );
}
