import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { vietnamDateOf } from '../../src/shared/calendar/working-days';
import { acceptsComments } from '../../src/shared/commendation/nomination';
import { localize } from '../../src/shared/i18n-text';
import { createUlidFactory } from '../../src/shared/ids';
import { Id } from '../../src/shared/schemas/common';
import type { Database } from '../db/schema';
import { publicMapSvg } from '../public-pages/map-svg';
import {
  escapeHtml,
  renderResultsPage,
  STYLE,
  TEXT,
  type PublicNominationView,
} from '../public-pages/results-page';
import type { MapData } from '../../src/shared/map/schema';
import type { AuthService } from '../services/auth';
import { CommentInput, publicNominations, receiveComment } from '../services/commendation';
import { listPublications, publicResults, publishResults } from '../services/publication';
import { resultsTable } from '../services/reports/results-report';
import { toCsv } from '../services/reports/table';
import { authenticated, requireAuth } from './auth-hook';

const Lang = z.object({ lang: z.enum(['vi', 'en']).default('vi') });
const CampaignParams = z.object({ campaign: Id });

/**
 * A public answer with a strong ETag from its bytes; 304 when the client already has them.
 * `no-cache` means "revalidate every time", not "do not store": a moderated comment or a newly
 * accepted result shows at once, and an unchanged page still costs only a 304.
 */
function sendCacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  type: string,
  body: string | Buffer,
) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  void reply
    .header('etag', etag)
    .header('cache-control', 'public, no-cache')
    .header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(type).send(body);
}

/**
 * What is public by the province's decision, for people without an account: the published
 * results page (server-rendered HTML, no JavaScript needed), the nominations open for comment with
 * a plain form, and open data (CSV, JSON, a DCAT catalogue). An unpublished campaign is not found.
 */
export function publicPageRoutes(
  app: FastifyInstance,
  auth: AuthService,
  db: Kysely<Database>,
  map: MapData | null = null,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const newId = createUlidFactory();

  typed.post(
    '/api/campaigns/:campaign/results/publish',
    {
      preValidation: requireAuth(auth),
      schema: {
        summary: 'Publish a campaign’s results (accepted work) on the public pages',
        tags: ['commendation'],
        security: [{ bearer: [] }],
        params: CampaignParams,
      },
    },
    (request) => publishResults(db, authenticated(request).actor, request.params.campaign),
  );

  async function nominationViews(
    campaignId: string,
    unitName: (id: string) => string,
  ): Promise<PublicNominationView[]> {
    const today = vietnamDateOf(new Date().toISOString());
    return (await publicNominations(db, campaignId)).map(({ nomination, comments }) => ({
      nomination,
      unitName: unitName(nomination.unitId),
      open: acceptsComments(nomination, today),
      comments,
    }));
  }

  typed.get(
    '/public/',
    { schema: { summary: 'The published campaigns (HTML)', tags: ['public'], querystring: Lang } },
    async (request, reply) => {
      const { lang } = request.query;
      const t = TEXT[lang];
      const items = (await listPublications(db))
        .map(
          (p) =>
            `<li><a href="/public/${encodeURIComponent(p.campaignId)}?lang=${lang}">${escapeHtml(p.campaignId)}</a> — ${escapeHtml(p.publishedAt.slice(0, 10))}</li>`,
        )
        .join('');
      const list = items ? `<ul>${items}</ul>` : `<p>${t.none}</p>`;
      const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="description" content="${t.description}"><title>${t.index}</title><style>${STYLE}</style></head><body><h1>${t.index}</h1>${list}<p><a href="/open-data/catalog.json">catalog.json (DCAT)</a></p></body></html>`;
      return sendCacheable(request, reply, 'text/html; charset=utf-8', html);
    },
  );

  typed.get(
    '/public/:campaign',
    {
      schema: {
        summary: 'The published results page (HTML)',
        tags: ['public'],
        params: CampaignParams,
        querystring: Lang,
      },
    },
    async (request, reply) => {
      const results = await publicResults(db, request.params.campaign);
      const names = new Map(results.figures.units.map((unit) => [unit.unitId, unit.name]));
      const nominations = await nominationViews(
        request.params.campaign,
        (id) => names.get(id) ?? id,
      );
      const svg = publicMapSvg(map, results.figures, TEXT[request.query.lang].map);
      const html = renderResultsPage(results, nominations, request.query.lang, svg);
      void reply.header('content-language', request.query.lang);
      return sendCacheable(request, reply, 'text/html; charset=utf-8', html);
    },
  );

  // A form posts url-encoded fields; only these public routes read that type.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 8 * 1024 },
    (_request, body, done) => {
      done(
        null,
        Object.fromEntries(
          new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8')),
        ),
      );
    },
  );
  typed.post(
    '/public/comments',
    {
      config: { rateLimit: { max: 5, timeWindow: '10 minutes' } },
      schema: {
        summary: 'A comment from the results page form (HTML answer)',
        tags: ['public'],
        body: CommentInput.extend({ lang: z.enum(['vi', 'en']).default('vi') }),
      },
    },
    async (request, reply) => {
      const received = await receiveComment(db, request.body, { now: () => new Date(), newId });
      const back = received.campaignId
        ? `/public/${encodeURIComponent(received.campaignId)}?lang=${request.body.lang}`
        : '/';
      const vi = request.body.lang === 'vi';
      const text = vi
        ? 'Đã nhận ý kiến của bạn. Ý kiến sẽ hiển thị sau khi tỉnh xem.'
        : 'Your comment was received. It appears once the province has read it.';
      return reply
        .code(202)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          `<!doctype html><html lang="${request.body.lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${vi ? 'Đã nhận' : 'Received'}</title><p>${text}</p><p><a href="${back}">←</a></p></html>`,
        );
    },
  );

  typed.get(
    '/open-data/:campaign/results.json',
    {
      schema: {
        summary: 'Published results as JSON (open data, CC BY 4.0)',
        tags: ['public'],
        params: CampaignParams,
      },
    },
    async (request, reply) => {
      const { figures, publication } = await publicResults(db, request.params.campaign);
      const body = JSON.stringify({
        licence: 'CC-BY-4.0',
        publishedAt: publication.publishedAt,
        ...figures,
        computedAt: undefined,
      });
      return sendCacheable(request, reply, 'application/json; charset=utf-8', body);
    },
  );
  typed.get(
    '/open-data/:campaign/results.csv',
    {
      schema: {
        summary: 'Published results as CSV (UTF-8 with BOM, Vietnamese headers)',
        tags: ['public'],
        params: CampaignParams,
        querystring: Lang,
      },
    },
    async (request, reply) => {
      const { figures, template } = await publicResults(db, request.params.campaign);
      const titles = new Map(
        template.pillars.map((p) => [p.id, localize(p.title, request.query.lang)]),
      );
      return sendCacheable(
        request,
        reply,
        'text/csv; charset=utf-8',
        toCsv(resultsTable(figures, request.query.lang, titles)),
      );
    },
  );
  typed.get(
    '/open-data/catalog.json',
    {
      schema: {
        summary: 'DCAT catalogue of the open data (for CKAN and other portals)',
        tags: ['public'],
      },
    },
    async (request, reply) => {
      const origin = `${request.protocol}://${request.host}`;
      const publications = await listPublications(db);
      const catalog = {
        '@context': 'https://www.w3.org/ns/dcat.jsonld',
        '@type': 'dcat:Catalog',
        'dct:title': 'Minh Chứng — dữ liệu mở kết quả đánh giá chuyển đổi số',
        'dct:license': 'https://creativecommons.org/licenses/by/4.0/',
        'dcat:dataset': publications.map((publication) => ({
          '@type': 'dcat:Dataset',
          'dct:identifier': publication.campaignId,
          'dct:title': `Kết quả đánh giá ${publication.campaignId}`,
          'dct:issued': publication.publishedAt,
          'dct:license': 'https://creativecommons.org/licenses/by/4.0/',
          'dcat:landingPage': `${origin}/public/${publication.campaignId}`,
          'dcat:distribution': ['csv', 'json'].map((format) => ({
            '@type': 'dcat:Distribution',
            'dcat:downloadURL': `${origin}/open-data/${publication.campaignId}/results.${format}`,
            'dcat:mediaType': format === 'csv' ? 'text/csv' : 'application/json',
          })),
        })),
      };
      return sendCacheable(
        request,
        reply,
        'application/json; charset=utf-8',
        JSON.stringify(catalog),
      );
    },
  );
}
