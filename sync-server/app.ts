import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { ErrorCode } from '../src/shared/errors';
import type { ServerConfig } from './config';
import { handleError } from './errors';
import { publicRoutes } from './routes/public';
import { describeDeployment, loadShippedData } from './services/shipped-data';

export interface BuildAppOptions {
  config: ServerConfig;
  version: string;
  /** Tests pass `false` to keep output quiet; the CLI passes pino options. */
  logger?: boolean | { level: string };
}

export async function buildApp({
  config,
  version,
  logger,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // Clients on flaky links retry; a request that hangs holds a socket on a small server.
    requestTimeout: 60_000,
  });
  app.setErrorHandler(handleError);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
      },
    },
    // The PWA loads no cross-origin resources, but COEP would break blob: image previews in some
    // browsers for no gain.
    crossOriginEmbedderPolicy: false,
  });

  const shipped = await loadShippedData(config.shippedDataDir);
  publicRoutes(app, { version, deployment: describeDeployment(shipped) });

  const indexHtml = path.join(config.staticDir, 'index.html');
  const hasBuiltApp = existsSync(indexHtml);
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
    return reply.status(404).send({
      error: {
        code: ErrorCode.NOT_FOUND,
        message: `No route for ${request.method} ${request.url}`,
      },
    });
  });

  return app;
}
