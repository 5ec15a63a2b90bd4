import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { DeploymentInfo, HealthResponse } from '../../src/shared/api/public';
import { ErrorCode } from '../../src/shared/errors';
import type { MapData } from '../../src/shared/map/schema';
import { HttpError } from '../errors';

export interface PublicRoutesOptions {
  version: string;
  deployment: DeploymentInfo;
  /** The shipped district map, or null when the deployment has none. */
  map: MapData | null;
}

/** Public data that changes only with a new release: shared caches may keep it for an hour. */
const MAP_CACHE_CONTROL = 'public, max-age=3600';

interface ServedMap {
  body: string;
  etag: string;
}

/**
 * The map's bytes and validator, computed once: the map is fixed for the life of the process. The
 * ETag is weak because @fastify/compress sends the same resource gzipped or not under one tag,
 * and byte-for-byte (strong) identity would not hold across those two encodings.
 */
function serveMap(map: MapData): ServedMap {
  const body = JSON.stringify(map);
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { body, etag: `W/"${digest}"` };
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): the W/ prefix does not matter. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === opaque);
}

export function publicRoutes(app: FastifyInstance, options: PublicRoutesOptions) {
  app.get('/api/health', (): HealthResponse => ({
    status: 'ok',
    version: options.version,
    time: new Date().toISOString(),
  }));

  // The deployment description is the same for everyone and changes only on restart; caches may
  // keep it briefly, and the service worker revalidates it whenever the network is there.
  app.get('/api/public/deployment', (_request, reply) => {
    void reply.header('cache-control', 'no-cache');
    return options.deployment;
  });

  const served = options.map ? serveMap(options.map) : null;
  app.get(
    '/api/public/map',
    {
      schema: {
        summary: "The province's districts as SVG paths (MapData), when the deployment has a map",
        tags: ['public'],
      },
    },
    (request, reply) => {
      if (!served)
        throw new HttpError(ErrorCode.NOT_FOUND, 'This deployment has no map of its districts');
      void reply.header('etag', served.etag).header('cache-control', MAP_CACHE_CONTROL);
      if (matchesEtag(request.headers['if-none-match'], served.etag)) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(served.body);
    },
  );
}
