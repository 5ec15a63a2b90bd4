import { existsSync, readFileSync } from 'node:fs';
import type https from 'node:https';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { ErrorCode } from '../src/shared/errors';
import type { ServerConfig } from './config';
import { createServerContext, type ServerContext } from './context';
import { handleClientError, handleError, HttpError, sendError } from './errors';
import { parseBlobStoreUrl, registerBlobRoutes } from './blobs';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { publicRoutes } from './routes/public';
import { syncRoutes } from './routes/sync';
import { commendationRoutes } from './routes/commendation';
import { templateRoutes } from './routes/templates';
import { userRoutes } from './routes/users';
import { unitRoutes } from './routes/units';
import { campaignRoutes } from './routes/campaigns';
import { publicPageRoutes } from './routes/public-pages';
import { reportRoutes } from './routes/reports';
import { timelineRoutes } from './routes/timeline';
import { databaseBlobAccess } from './services/blob-access';
import { describeDeployment } from './services/shipped-data';

export interface BuildAppOptions {
  config: ServerConfig;
  version: string;
  /** Tests pass `false` to keep output quiet; the CLI passes pino options. */
  logger?: boolean | { level: string };
  /** An already created context (tests share one); otherwise the app creates and closes its own. */
  context?: ServerContext;
}

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'"],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  // Helmet adds `upgrade-insecure-requests` by default. Over plain HTTP on a LAN address
  // (http://192.168.1.10:8080/, how a district office first tries it) that rewrites every asset
  // to https:// where nothing listens, and the page stays blank. Without it the app works online
  // over HTTP and tells the officer that offline use needs HTTPS (see operations.md).
  upgradeInsecureRequests: null,
};

function httpsOptions(tls: NonNullable<ServerConfig['tls']>): https.ServerOptions {
  return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
}

export async function buildApp({
  config,
  version,
  logger,
  context: given,
}: BuildAppOptions): Promise<FastifyInstance> {
  const context = given ?? (await createServerContext(config));
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // Clients on flaky links retry; a request that hangs holds a socket on a small server.
    requestTimeout: 120_000,
    // Behind a reverse proxy the client address comes from X-Forwarded-For (login rate limits).
    trustProxy: process.env.TRUST_PROXY === '1',
    // One error shape for every status: the router's and the HTTP parser's errors too.
    frameworkErrors: (error, request, reply) => {
      void handleError(error, request, reply);
    },
    clientErrorHandler: handleClientError,
    // Read at start-up: a missing or unreadable key file stops the server with its path named.
    https: config.tls ? httpsOptions(config.tls) : null,
  });
  app.setErrorHandler(handleError);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (!given) app.addHook('onClose', () => context.close());

  // Registered before static, as @fastify/compress requires. Gzip both ways: requests with
  // Content-Encoding: gzip are inflated (the body limit applies to the inflated size, so a gzip
  // bomb is refused), responses over 1 KB are compressed for clients that accept it.
  await app.register(fastifyCompress, {
    threshold: 1024,
    requestEncodings: ['gzip'],
    encodings: ['gzip'],
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: CSP_DIRECTIVES },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new HttpError(
        ErrorCode.RATE_LIMITED,
        `Too many requests from this address; try again in ${retryAfterSeconds} seconds`,
        { retryAfterSeconds },
      );
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Minh Chứng sync server', version },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  publicRoutes(app, {
    version,
    deployment: describeDeployment(context.shipped),
    map: context.shipped.map,
  });
  authRoutes(app, context.auth, { loginRatePerMinute: config.loginRatePerMinute });
  syncRoutes(app, context.auth, context.sync);
  timelineRoutes(app, context.auth, context.database.db);
  adminRoutes(app, context.auth, context.database.db);
  reportRoutes(app, context.auth, context.database.db);
  userRoutes(app, context.auth, context.database.db, context.now);
  unitRoutes(app, context.auth, context.database.db, context.now);
  templateRoutes(app, context.auth, context.database.db);
  campaignRoutes(app, context.auth, context.database.db, context.now);
  commendationRoutes(app, context.auth, context.database.db, {
    holidays: context.shipped.holidays,
    now: context.now,
  });
  publicPageRoutes(app, context.auth, context.database.db, context.shipped.map);
  await registerBlobRoutes(app, {
    store: parseBlobStoreUrl(config.blobStore, config.dataDir, process.env),
    access: databaseBlobAccess(context.database.db, context.auth),
  });

  const hasBuiltApp = existsSync(path.join(config.staticDir, 'index.html'));
  if (hasBuiltApp) {
    await app.register(fastifyStatic, {
      root: config.staticDir,
      // Hashed assets never change; the shell, manifest and service worker must revalidate so an
      // update is noticed.
      setHeaders(res, filePath) {
        const isHashedAsset = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader(
          'cache-control',
          isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  } else {
    app.log.warn({ staticDir: config.staticDir }, 'no built app found: run `npm run build`');
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/');
    if (!isApi && hasBuiltApp && request.method === 'GET') {
      // Client-side routes: serve the shell and let the router take over.
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, ErrorCode.NOT_FOUND, `No route for ${request.method} ${request.url}`);
  });

  return app;
}
