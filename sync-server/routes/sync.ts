import type { FastifyInstance, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  OLDEST_SUPPORTED_PROTOCOL,
  PROTOCOL_VERSION,
  RELAY_PROTOCOL,
  SyncRequest,
  type SyncRequestErrorDetails,
} from '../../src/shared/protocol/sync';
import { HttpError } from '../errors';
import type { AuthService } from '../services/auth';
import type { SyncService } from '../services/sync/service';
import { authenticated, requireAuth } from './auth-hook';

/**
 * Runs before schema validation, so that a client of another protocol version is told so rather
 * than given a list of schema errors about fields it was right to send in its own version.
 */
async function checkProtocol(request: FastifyRequest) {
  const parsed = z.object({ protocol: z.number() }).safeParse(request.body);
  const protocol = parsed.success ? parsed.data.protocol : undefined;
  if (protocol !== undefined && protocol < OLDEST_SUPPORTED_PROTOCOL) {
    throw new HttpError(
      'PROTOCOL_OUTDATED',
      `This app is outdated (protocol ${protocol}, server ${PROTOCOL_VERSION}); update it to sync`,
    );
  }
  if (protocol !== undefined && protocol > PROTOCOL_VERSION) {
    throw new HttpError(
      'PROTOCOL_TOO_NEW',
      `The server speaks protocol ${PROTOCOL_VERSION}, older than this app's ${protocol}; ` +
        'sync resumes once the server is updated',
      { serverProtocol: PROTOCOL_VERSION },
    );
  }
  return Promise.resolve();
}

/** Just enough of a body that failed validation to name its mutations by id where it can. */
const MutationIds = z.object({ mutations: z.array(z.unknown()) });
const WithId = z.object({ id: z.string() });

/**
 * The 400 for a body that fails the schema, naming the mutations that are malformed on their own
 * (`details.mutations`), so that the app sets aside exactly those. An issue outside `mutations[i]`
 * (a bad cursor, an unknown top-level field) names no mutation: the app then leaves its outbox
 * alone instead of blaming mutations that are fine.
 */
function validationFailure(
  issues: readonly FastifySchemaValidationError[],
  body: unknown,
): HttpError {
  const messages = new Map<number, string[]>();
  for (const issue of issues) {
    const match = /^\/mutations\/(\d+)(\/.*)?$/.exec(issue.instancePath);
    if (!match?.[1]) continue;
    const index = Number(match[1]);
    const list = messages.get(index) ?? [];
    list.push(`${match[2] ?? '/'} ${issue.message ?? issue.keyword}`);
    messages.set(index, list);
  }
  const named = issues.every((issue) => /^\/mutations\/\d+/.test(issue.instancePath));
  const mutations = MutationIds.safeParse(body).data?.mutations ?? [];
  const details: SyncRequestErrorDetails = {
    mutations: named
      ? [...messages].map(([index, list]) => {
          const id = WithId.safeParse(mutations[index]).data?.id;
          return { index, ...(id === undefined ? {} : { id }), message: list.join('; ') };
        })
      : [],
  };
  const summary = issues
    .slice(0, 5)
    .map((issue) => `body${issue.instancePath} ${issue.message ?? issue.keyword}`)
    .join(', ');
  return new HttpError('VALIDATION_FAILED', summary || 'invalid request', details);
}

/**
 * Relayed mutations exist from protocol 2 on, and so do the refusal codes only they earn: a client
 * that announces protocol 1 could not read those answers, so its relayed entries are malformed for
 * it — named, like any mutation malformed on its own. (A correct protocol-1 app never sends one.)
 */
function relayedTooEarly(request: SyncRequest): HttpError | null {
  if (request.protocol >= RELAY_PROTOCOL) return null;
  const mutations: SyncRequestErrorDetails['mutations'] = [];
  request.mutations.forEach((item, index) => {
    if (item.type === 'relayed')
      mutations.push({
        index,
        id: item.mutation.id,
        message: `relayed mutations need protocol ${RELAY_PROTOCOL}`,
      });
  });
  if (mutations.length === 0) return null;
  return new HttpError('VALIDATION_FAILED', `relayed mutations need protocol ${RELAY_PROTOCOL}`, {
    mutations,
  } satisfies SyncRequestErrorDetails);
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
      // The handler turns a schema failure into a 400 that names the malformed mutations.
      attachValidation: true,
      schema: {
        summary: 'Push mutations and pull changes in one round trip (see docs/sync-protocol.md)',
        tags: ['sync'],
        security: [{ bearer: [] }],
        body: SyncRequest,
      },
    },
    async (request, reply) => {
      // Read as `unknown`: Fastify types `validation` as `any`; the guard gives it its real type.
      const invalid: unknown = request.validationError;
      if (invalid) {
        const raw: unknown = request.body;
        throw hasZodFastifySchemaValidationErrors(invalid)
          ? validationFailure(invalid.validation, raw)
          : new HttpError('VALIDATION_FAILED', 'invalid request');
      }
      const early = relayedTooEarly(request.body);
      if (early) throw early;
      void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
      return sync.sync(authenticated(request), request.body);
    },
  );
}
