import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { TEMPLATE_MAX_BYTES } from '../../src/shared/api/templates';
import type { Database } from '../db/schema';
import type { AuthService } from '../services/auth';
import { TemplateAdmin } from '../services/templates';
import { authenticated, requireAuth } from './auth-hook';

const TemplateParams = z.object({ id: z.string().min(1).max(200) });
/** The file as the administrator wrote it: any JSON. Its shape is the shared validator's job,
 * which names every problem with its path, not the route schema's, which would stop at the first. */
const AnyJson = z.unknown();

/**
 * Checklist templates for the administrators (`template.manage` over the whole tree): the versions
 * side by side, a check that writes nothing, and an import that always makes a new version. A file
 * larger than TEMPLATE_MAX_BYTES is refused as PAYLOAD_TOO_LARGE, malformed JSON as
 * VALIDATION_FAILED, a template with problems as TEMPLATE_INVALID with every problem listed.
 */
export function templateRoutes(app: FastifyInstance, auth: AuthService, db: Kysely<Database>) {
  const templates = new TemplateAdmin(db);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const secured = { preValidation: requireAuth(auth) };
  const meta = (summary: string) => ({ summary, tags: ['admin'], security: [{ bearer: [] }] });

  typed.get(
    '/api/admin/templates',
    { ...secured, schema: meta('Every version of every checklist template') },
    async (request) => ({ templates: await templates.list(authenticated(request).actor) }),
  );
  typed.get(
    '/api/admin/templates/:id',
    { ...secured, schema: { ...meta('One template version, whole'), params: TemplateParams } },
    (request) => templates.get(authenticated(request).actor, request.params.id),
  );
  typed.post(
    '/api/admin/templates/check',
    {
      ...secured,
      bodyLimit: TEMPLATE_MAX_BYTES,
      schema: { ...meta('Every problem of a template file; stores nothing'), body: AnyJson },
    },
    (request) => templates.check(authenticated(request).actor, request.body),
  );
  typed.post(
    '/api/admin/templates',
    {
      ...secured,
      bodyLimit: TEMPLATE_MAX_BYTES,
      schema: { ...meta('Import a template as a new version'), body: AnyJson },
    },
    async (request, reply) => {
      const imported = await templates.import(authenticated(request).actor, request.body);
      return reply.code(201).send(imported);
    },
  );
}
