import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type {
  TemplateCheckResponse,
  TemplateDetail,
  TemplateImported,
  TemplateVersionSummary,
} from '../../src/shared/api/templates';
import { canonicalJson } from '../../src/shared/canonical-json';
import { LocalizedText } from '../../src/shared/i18n-text';
import { explain, type Actor } from '../../src/shared/permissions/can';
import { CampaignStatus } from '../../src/shared/schemas/campaign';
import { Template } from '../../src/shared/schemas/template';
import { validateTemplate } from '../../src/shared/template/validate';
import type { Database } from '../db/schema';
import { HttpError } from '../errors';
import { appendAudit } from './audit';
import { SERVER_ORIGIN, StoredData, writeFields } from './records';
import { templateRecordId } from './seed';

/**
 * Checklist templates for the administrators (`template.manage`). Templates belong to the root
 * unit (every commune answers the same checklist), so the actor must manage the whole tree. A
 * template is never edited in place: a campaign names a version, and the answers its communes gave
 * were scored against exactly that version; an import of a known id becomes the next version.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** The fields a template record carries; `importedAt`/`importedBy` are absent on the seed's. */
const StoredTemplate = z.object({
  templateId: z.string(),
  version: z.number().int().min(1),
  body: Template,
  importedAt: z.string().optional(),
  importedBy: z.string().optional(),
});
type StoredTemplate = z.infer<typeof StoredTemplate>;

/** What the list needs of a campaign; read loosely so a campaign field added later cannot hide it. */
const CampaignRef = z.object({
  id: z.string(),
  templateId: z.string(),
  templateVersion: z.number(),
  title: LocalizedText,
  status: CampaignStatus,
});

interface TemplateRow {
  stored: StoredTemplate;
  createdAt: string;
}

/** The root of the tree: the unit whose path has the fewest segments. */
async function rootPath(db: Db): Promise<string> {
  const rows = await db
    .selectFrom('records')
    .select('org_path')
    .where('collection', '=', 'org_unit')
    .execute();
  const depth = (path: string) => path.split('/').filter(Boolean).length;
  const root = rows.map((row) => row.org_path).sort((a, b) => depth(a) - depth(b))[0];
  if (root === undefined) throw new HttpError('NOT_FOUND', 'No unit tree is loaded yet');
  return root;
}

/** The role first (at the actor's own unit), then the scope: a commune officer is told that its
 * role cannot manage templates (FORBIDDEN), not that the province is outside its area. */
async function authorise(db: Db, actor: Actor): Promise<string> {
  const root = await rootPath(db);
  for (const orgPath of [actor.orgPath, root]) {
    const decision = explain(actor, 'template.manage', { orgPath });
    if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
  }
  return root;
}

async function templateRows(db: Db): Promise<TemplateRow[]> {
  const rows = await db
    .selectFrom('records')
    .select(['data', 'created_at'])
    .where('collection', '=', 'template')
    .execute();
  // A stored template is the server's own earlier output; one that no longer parses is a bug to
  // see at once, not a version to leave silently out of the list.
  return rows
    .map((row) => ({
      stored: StoredTemplate.parse(StoredData.parse(JSON.parse(row.data))),
      createdAt: row.created_at,
    }))
    .sort(
      (a, b) =>
        a.stored.templateId.localeCompare(b.stored.templateId) ||
        a.stored.version - b.stored.version,
    );
}

async function campaignRefs(db: Db) {
  const rows = await db
    .selectFrom('records')
    .select('data')
    .where('collection', '=', 'campaign')
    .execute();
  return rows.flatMap((row) => {
    const parsed = CampaignRef.safeParse(StoredData.parse(JSON.parse(row.data)));
    return parsed.success ? [parsed.data] : [];
  });
}

async function displayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

async function summaries(db: Db, rows: readonly TemplateRow[]): Promise<TemplateVersionSummary[]> {
  const campaigns = await campaignRefs(db);
  const names = await displayNames(
    db,
    rows.flatMap((row) => (row.stored.importedBy ? [row.stored.importedBy] : [])),
  );
  return rows.map(({ stored, createdAt }) => {
    const { body } = stored;
    return {
      id: templateRecordId({ id: stored.templateId, version: stored.version }),
      templateId: stored.templateId,
      version: stored.version,
      title: body.title,
      pillars: body.pillars.length,
      indicators: body.pillars.reduce((sum, pillar) => sum + pillar.indicators.length, 0),
      maxScore: body.maxScore,
      importedAt: stored.importedAt ?? createdAt,
      importedBy: stored.importedBy ? (names.get(stored.importedBy) ?? stored.importedBy) : null,
      campaigns: campaigns
        .filter((c) => c.templateId === stored.templateId && c.templateVersion === stored.version)
        .map(({ id, title, status }) => ({ id, title, status })),
    };
  });
}

/** Content equality regardless of the version number the file carries. */
const sameContent = (a: Template, b: Template) =>
  canonicalJson({ ...a, version: 0 }) === canonicalJson({ ...b, version: 0 });

/** The version an import of `template` gets, or the existing version it repeats. */
function nextVersion(
  rows: readonly TemplateRow[],
  template: Template,
): { version: number; unchanged: boolean } {
  const versions = rows.filter((row) => row.stored.templateId === template.id);
  const latest = versions.at(-1);
  if (latest === undefined) return { version: template.version, unchanged: false };
  if (sameContent(latest.stored.body, template))
    return { version: latest.stored.version, unchanged: true };
  return { version: latest.stored.version + 1, unchanged: false };
}

export class TemplateAdmin {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every version of every template, oldest first within a template. */
  async list(actor: Actor): Promise<TemplateVersionSummary[]> {
    await authorise(this.db, actor);
    return summaries(this.db, await templateRows(this.db));
  }

  async get(actor: Actor, id: string): Promise<TemplateDetail> {
    await authorise(this.db, actor);
    const rows = await templateRows(this.db);
    const row = rows.find(
      (r) => templateRecordId({ id: r.stored.templateId, version: r.stored.version }) === id,
    );
    if (!row) throw new HttpError('NOT_FOUND', `No template version ${id}`);
    const [summary] = await summaries(this.db, [row]);
    if (!summary) throw new HttpError('NOT_FOUND', `No template version ${id}`);
    return { summary, template: row.stored.body };
  }

  /** Every problem of a file, and what an import would make of it; writes nothing. */
  async check(actor: Actor, input: unknown): Promise<TemplateCheckResponse> {
    await authorise(this.db, actor);
    const checked = validateTemplate(input);
    if (!checked.ok) return { problems: checked.problems };
    const next = nextVersion(await templateRows(this.db), checked.template);
    return { problems: [], wouldBe: { templateId: checked.template.id, ...next } };
  }

  /** Stores a valid template as a new version (renumbered after the latest), audited, synced. */
  async import(actor: Actor, input: unknown): Promise<TemplateImported> {
    const root = await authorise(this.db, actor);
    const checked = validateTemplate(input);
    if (!checked.ok)
      throw new HttpError(
        'TEMPLATE_INVALID',
        `The template has ${checked.problems.length} problem(s); fix them and import again`,
        { problems: checked.problems },
      );
    const template = checked.template;
    const at = this.now().toISOString();
    const stored = await this.db.transaction().execute(async (trx) => {
      // Two imports at once must not both read "latest is 1" and both write version 2 (the second
      // would overwrite the first in place). Touching the change counter takes the row lock every
      // writer takes, so the read below sees every import committed before this one.
      await trx
        .updateTable('meta')
        .set((eb) => ({ value: eb('value', '+', 0) }))
        .where('key', '=', 'seq')
        .execute();
      const rows = await templateRows(trx);
      const next = nextVersion(rows, template);
      if (next.unchanged)
        throw new HttpError(
          'TEMPLATE_UNCHANGED',
          `This is the same content as version ${next.version} of ${template.id}; nothing was imported`,
          {
            id: templateRecordId({ id: template.id, version: next.version }),
            version: next.version,
          },
        );
      const body: Template = { ...template, version: next.version };
      const id = templateRecordId(body);
      const fields = {
        templateId: body.id,
        version: body.version,
        body,
        importedAt: at,
        importedBy: actor.userId,
      };
      await writeFields(
        trx,
        { collection: 'template', id, orgPath: root, fields, origin: SERVER_ORIGIN, now: at },
        null,
      );
      await appendAudit(trx, {
        actor: actor.userId,
        action: 'admin.template_imported',
        target: `template:${id}`,
        data: { templateId: body.id, version: body.version, requestedVersion: template.version },
        at,
      });
      return { stored: StoredTemplate.parse(fields), createdAt: at };
    });
    const [summary] = await summaries(this.db, [stored]);
    if (!summary) throw new HttpError('INTERNAL', 'The imported template could not be read back');
    return {
      summary,
      requestedVersion: template.version,
      renumbered: template.version !== summary.version,
    };
  }
}
