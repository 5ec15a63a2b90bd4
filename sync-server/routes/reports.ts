import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../src/shared/schemas/common';
import { UnitCode } from '../../src/shared/schemas/org';
import type { Database } from '../db/schema';
import { answersReport } from '../services/reports/answers-report';
import { dashboardFigures } from '../services/reports/dashboard-service';
import { resultsReport } from '../services/reports/results-report';
import { toCsv, toXlsx, type ReportTable } from '../services/reports/table';
import type { AuthService } from '../services/auth';
import { authenticated, requireAuth } from './auth-hook';

const ScopeQuery = z.object({ campaign: Id, unit: UnitCode });

const ReportQuery = z.object({
  campaign: Id,
  unit: UnitCode,
  lang: z.enum(['vi', 'en']).default('vi'),
});
type ReportQuery = z.infer<typeof ReportQuery>;

const FORMATS = {
  csv: {
    type: 'text/csv; charset=utf-8',
    write: (table: ReportTable) => Promise.resolve(toCsv(table)),
  },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: (table: ReportTable) => toXlsx([table]),
  },
} as const;
type Format = keyof typeof FORMATS;

/** A download: attachment with a plain ASCII name, never cached (drafts, people's answers). */
async function sendTable(reply: FastifyReply, table: ReportTable, format: Format, name: string) {
  const body = await FORMATS[format].write(table);
  return reply
    .header('content-type', FORMATS[format].type)
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

const fileName = (kind: string, query: ReportQuery) => `${kind}-${query.campaign}-${query.unit}`;

/**
 * `GET /api/reports/dashboard`: a unit's figures for one campaign (JSON, the app keeps the last
 * for offline); `GET /api/reports/{answers,results}.{csv,xlsx}`: the answers of a unit's subtree,
 * and the dashboard's figures as a table.
 */
export function reportRoutes(app: FastifyInstance, auth: AuthService, db: Kysely<Database>) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/reports/dashboard',
    {
      preValidation: requireAuth(auth),
      schema: {
        summary:
          "A unit's dashboard for one campaign: completeness, timeliness, statuses, pillar averages, distribution, ranks (approved and accepted work only)",
        tags: ['reports'],
        security: [{ bearer: [] }],
        querystring: ScopeQuery,
      },
    },
    async (request, reply) => {
      const figures = await dashboardFigures(db, authenticated(request).actor, {
        campaignId: request.query.campaign,
        unitId: request.query.unit,
      });
      // Per user (scope), so no shared cache keeps it.
      void reply.header('cache-control', 'private, no-store');
      return figures;
    },
  );
  const reports = {
    answers: {
      summary:
        "Every commune's answers in a unit's subtree for one campaign, drafts included (readers of the work)",
      build: answersReport,
    },
    results: {
      summary: "The dashboard's figures per unit (approved and accepted work; readers of reports)",
      build: resultsReport,
    },
  } as const;
  for (const [kind, report] of Object.entries(reports)) {
    for (const format of Object.keys(FORMATS) as Format[]) {
      typed.get(
        `/api/reports/${kind}.${format}`,
        {
          preValidation: requireAuth(auth),
          schema: {
            summary: `${report.summary} (${format.toUpperCase()}, Vietnamese headers unless lang=en)`,
            tags: ['reports'],
            security: [{ bearer: [] }],
            querystring: ReportQuery,
          },
        },
        async (request, reply) => {
          const { query } = request;
          const table = await report.build(db, authenticated(request).actor, {
            campaignId: query.campaign,
            unitId: query.unit,
            language: query.lang,
          });
          return sendTable(reply, table, format, fileName(kind, query));
        },
      );
    }
  }
}
