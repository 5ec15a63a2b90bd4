import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  canStep,
  CAMPAIGN_STEPS,
  type AdminCampaign,
  type BindableTemplate,
  type CampaignProblem,
  type CampaignStep,
  type DeadlineExtension,
  type NewCampaign,
} from '../../src/shared/api/campaigns';
import type { ErrorCode } from '../../src/shared/errors';
import { isInSubtree } from '../../src/shared/hierarchy/paths';
import { explain, type Actor } from '../../src/shared/permissions/can';
import { Campaign } from '../../src/shared/schemas/campaign';
import { OrgUnit } from '../../src/shared/schemas/org';
import { Template } from '../../src/shared/schemas/template';
import type { Database } from '../db/schema';
import { HttpError } from '../errors';
import { appendAudit } from './audit';
import { recordedMerges } from './unit-merges';
import { getRecord, SERVER_ORIGIN, StoredData, writeFields, type StoredRecord } from './records';

/**
 * Campaigns for the administrators (`campaign.manage`): every campaign and unit is checked
 * against the actor's subtree; status moves only by CAMPAIGN_STEPS; the template version is fixed
 * at creation. Writes go through writeFields with SERVER_ORIGIN so every phone pulls them.
 */

type Db = Kysely<Database> | Transaction<Database>;

const refuse = (code: ErrorCode, problem: CampaignProblem, message: string) =>
  new HttpError(code, message, { problem });

function authorise(actor: Actor, orgPath: string) {
  const decision = explain(actor, 'campaign.manage', { orgPath });
  if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
}

async function recordsOf(db: Db, collection: 'org_unit' | 'template' | 'campaign') {
  const rows = await db
    .selectFrom('records')
    .select(['id', 'org_path', 'data'])
    .where('collection', '=', collection)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    orgPath: row.org_path,
    data: StoredData.parse(JSON.parse(row.data)),
  }));
}

function view(campaign: Campaign): AdminCampaign {
  const { assignedUnitIds, templateId, templateVersion, ...rest } = campaign;
  return {
    id: rest.id,
    title: rest.title,
    templateId,
    templateVersion,
    period: rest.period,
    deadline: rest.deadline,
    status: rest.status,
    assignedCount: assignedUnitIds.length,
  };
}

/** The communes asked to report: the listed ones and those under the listed units, each inside
 * the actor's subtree; a unit that does not exist and one outside the subtree are one refusal. */
async function assignedCommunes(db: Db, actor: Actor, input: NewCampaign): Promise<string[]> {
  const units = new Map(
    (await recordsOf(db, 'org_unit')).flatMap((row) => {
      const parsed = OrgUnit.safeParse(row.data);
      return parsed.success ? [[parsed.data.id, parsed.data] as const] : [];
    }),
  );
  const inScope = (id: string) => {
    const unit = units.get(id);
    if (!unit || !isInSubtree(unit.path, actor.orgPath))
      throw refuse('VALIDATION_FAILED', 'unknown_unit', `no unit ${id} in your area`);
    return unit;
  };
  // A commune merged away no longer reports: a new campaign asks the unit that took it over.
  const retired = new Set((await recordedMerges(db)).flatMap((merge) => merge.sources));
  const chosen = new Set<string>();
  for (const id of input.assignedUnitIds ?? []) {
    const unit = inScope(id);
    if (unit.level !== 'commune')
      throw refuse('VALIDATION_FAILED', 'not_a_commune', `unit ${id} is not a commune`);
    if (retired.has(id))
      throw refuse('VALIDATION_FAILED', 'unit_merged', `unit ${id} was merged into another`);
    chosen.add(id);
  }
  for (const id of input.assignedUnderIds ?? []) {
    const root = inScope(id);
    for (const unit of units.values())
      if (unit.level === 'commune' && isInSubtree(unit.path, root.path) && !retired.has(unit.id))
        chosen.add(unit.id);
  }
  if (chosen.size === 0) throw refuse('VALIDATION_FAILED', 'no_units', 'no commune is assigned');
  return [...chosen].sort();
}

const target = (record: StoredRecord) => ({
  collection: record.collection,
  id: record.id,
  orgPath: record.orgPath,
});

function checkDates(period: { start: string; end: string }, deadline: string) {
  if (period.end < period.start)
    throw refuse('VALIDATION_FAILED', 'period_reversed', 'the period ends before it starts');
  if (Date.parse(deadline) < Date.parse(`${period.start}T00:00:00Z`))
    throw refuse(
      'VALIDATION_FAILED',
      'deadline_before_period',
      'the deadline is before the period starts',
    );
}

export class CampaignAdmin {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Campaigns owned inside the actor's area or above it (the province's), and the template
   * versions a new one may be bound to. */
  async list(actor: Actor): Promise<{ campaigns: AdminCampaign[]; templates: BindableTemplate[] }> {
    authorise(actor, actor.orgPath);
    const visible = (path: string) =>
      isInSubtree(path, actor.orgPath) || isInSubtree(actor.orgPath, path);
    const campaigns = (await recordsOf(this.db, 'campaign'))
      .filter((row) => visible(row.orgPath))
      .flatMap((row) => {
        const parsed = Campaign.safeParse(row.data);
        return parsed.success ? [view(parsed.data)] : [];
      })
      .sort((a, b) => b.deadline.localeCompare(a.deadline));
    const templates = (await recordsOf(this.db, 'template'))
      .filter((row) => visible(row.orgPath))
      .flatMap((row) => {
        const parsed = Template.safeParse(row.data.body);
        if (!parsed.success) return [];
        const { id, version, title } = parsed.data;
        return [{ recordId: row.id, templateId: id, version, title }];
      })
      .sort((a, b) => a.templateId.localeCompare(b.templateId) || b.version - a.version);
    return { campaigns, templates };
  }

  async create(actor: Actor, input: NewCampaign): Promise<AdminCampaign> {
    authorise(actor, actor.orgPath);
    checkDates(input.period, input.deadline);
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const templateRecord = await getRecord(trx, 'template', input.templateRecordId);
      const template = Template.safeParse(templateRecord?.data.body);
      if (
        !templateRecord ||
        !template.success ||
        !(
          isInSubtree(templateRecord.orgPath, actor.orgPath) ||
          isInSubtree(actor.orgPath, templateRecord.orgPath)
        )
      )
        throw refuse('VALIDATION_FAILED', 'unknown_template', 'no such template version');
      const assigned = await assignedCommunes(trx, actor, input);
      const id =
        input.id ?? `cd-${input.period.start.slice(0, 4)}-${randomBytes(3).toString('hex')}`;
      if (await getRecord(trx, 'campaign', id))
        throw refuse('CONFLICT', 'duplicate_id', `a campaign ${id} exists already`);
      const campaign = Campaign.parse({
        id,
        templateId: template.data.id,
        templateVersion: template.data.version,
        title: input.title,
        period: input.period,
        deadline: input.deadline,
        assignedUnitIds: assigned,
        status: 'draft',
      });
      await writeFields(
        trx,
        {
          collection: 'campaign',
          id,
          orgPath: actor.orgPath,
          fields: { ...campaign },
          origin: SERVER_ORIGIN,
          now: at,
        },
        null,
      );
      await appendAudit(trx, {
        actor: actor.userId,
        action: 'admin.campaign_created',
        target: `campaign:${id}`,
        data: { template: input.templateRecordId, assigned: assigned.length },
        at,
      });
      return view(campaign);
    });
  }

  /** Loads a campaign the actor manages; one outside its area looks like one that is absent. */
  private async load(trx: Transaction<Database>, actor: Actor, id: string) {
    const record = await getRecord(trx, 'campaign', id);
    const campaign = Campaign.safeParse(record?.data);
    if (!record || !campaign.success || !isInSubtree(record.orgPath, actor.orgPath))
      throw new HttpError('NOT_FOUND', 'No such campaign');
    authorise(actor, record.orgPath);
    return { record, campaign: campaign.data };
  }

  async step(actor: Actor, id: string, step: CampaignStep): Promise<AdminCampaign> {
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const { record, campaign } = await this.load(trx, actor, id);
      if (!canStep(campaign.status, step))
        throw refuse(
          'WORKFLOW_VIOLATION',
          'wrong_status_step',
          `a ${campaign.status} campaign cannot ${step}`,
        );
      const status = CAMPAIGN_STEPS[step].to;
      await writeFields(
        trx,
        { ...target(record), fields: { status }, origin: SERVER_ORIGIN, now: at },
        record,
      );
      await appendAudit(trx, {
        actor: actor.userId,
        action: step === 'open' ? 'admin.campaign_opened' : 'admin.campaign_closed',
        target: `campaign:${id}`,
        data: { from: campaign.status },
        at,
      });
      return view({ ...campaign, status });
    });
  }

  /** Extends the deadline (never shortens it: officers plan by the date they were given). */
  async extendDeadline(actor: Actor, id: string, input: DeadlineExtension) {
    if (input.reason.length === 0)
      throw refuse('VALIDATION_FAILED', 'reason_required', 'say why the deadline moves');
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const { record, campaign } = await this.load(trx, actor, id);
      if (Date.parse(input.deadline) <= Date.parse(campaign.deadline))
        throw refuse(
          'VALIDATION_FAILED',
          'deadline_not_later',
          'the new deadline must be later than the current one',
        );
      await writeFields(
        trx,
        { ...target(record), fields: { deadline: input.deadline }, origin: SERVER_ORIGIN, now: at },
        record,
      );
      await appendAudit(trx, {
        actor: actor.userId,
        action: 'admin.campaign_deadline_extended',
        target: `campaign:${id}`,
        data: { from: campaign.deadline, to: input.deadline, reason: input.reason },
        at,
      });
      return view({ ...campaign, deadline: input.deadline });
    });
  }
}
