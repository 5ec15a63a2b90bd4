import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NewUsers } from '../../src/shared/api/users';
import { Id } from '../../src/shared/schemas/common';
import { UnitCode } from '../../src/shared/schemas/org';
import type { Database } from '../db/schema';
import type { AuthService } from '../services/auth';
import { UserAdmin } from '../services/users';
import { authenticated, requireAuth } from './auth-hook';

const UserParams = z.object({ id: Id });
const DeviceParams = z.object({ id: Id, deviceId: Id });
const ListQuery = z.object({ unit: UnitCode.optional() });
const Activation = z.strictObject({ disabled: z.boolean() });

/** Answers that carry a password, or who may sign in, are never kept by a cache. */
const noStore = (reply: FastifyReply) => void reply.header('cache-control', 'no-store');

/**
 * Accounts for the administrators (`user.manage` in the actor's subtree): list, create one or
 * many (a first password each, shown once), reset a password, deactivate, and the devices signed
 * in with revocation. Every change is audited by the service.
 */
export function userRoutes(
  app: FastifyInstance,
  auth: AuthService,
  db: Kysely<Database>,
  now?: () => Date,
) {
  const users = new UserAdmin(db, auth, now);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const secured = { preValidation: requireAuth(auth) };
  const meta = (summary: string) => ({ summary, tags: ['admin'], security: [{ bearer: [] }] });

  typed.get(
    '/api/admin/users',
    { ...secured, schema: { ...meta('Accounts at a unit and below it'), querystring: ListQuery } },
    async (request, reply) => {
      noStore(reply);
      return { users: await users.list(authenticated(request).actor, request.query.unit) };
    },
  );
  typed.post(
    '/api/admin/users',
    {
      ...secured,
      // Hashing up to 500 passwords is heavy: not something to repeat many times a minute.
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { ...meta('Create accounts, all or none, with first passwords'), body: NewUsers },
    },
    async (request, reply) => {
      noStore(reply);
      const credentials = await users.create(authenticated(request).actor, request.body.users);
      return reply.code(201).send({ credentials });
    },
  );
  typed.post(
    '/api/admin/users/:id/password',
    { ...secured, schema: { ...meta('A new password, shown once'), params: UserParams } },
    async (request, reply) => {
      noStore(reply);
      return users.resetPassword(authenticated(request).actor, request.params.id);
    },
  );
  typed.post(
    '/api/admin/users/:id/activation',
    {
      ...secured,
      schema: { ...meta('Deactivate or reactivate'), params: UserParams, body: Activation },
    },
    (request) =>
      users.setDisabled(authenticated(request).actor, request.params.id, request.body.disabled),
  );
  typed.get(
    '/api/admin/users/:id/devices',
    { ...secured, schema: { ...meta('Devices signed in, and past ones'), params: UserParams } },
    async (request, reply) => {
      noStore(reply);
      return { devices: await users.devices(authenticated(request).actor, request.params.id) };
    },
  );
  typed.post(
    '/api/admin/users/:id/devices/:deviceId/revoke',
    { ...secured, schema: { ...meta('Sign one device out'), params: DeviceParams } },
    async (request, reply) => {
      await users.revokeDevice(
        authenticated(request).actor,
        request.params.id,
        request.params.deviceId,
      );
      return reply.code(204).send();
    },
  );
}
