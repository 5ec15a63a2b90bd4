import type { Kysely, Transaction } from 'kysely';
import type {
  NewUnitMerge,
  UnitImportOutcome,
  UnitImportRequest,
  UnitMergeRecord,
  UnitRename,
  UnitTree,
} from '../../src/shared/api/units';
import { isInSubtree } from '../../src/shared/hierarchy/paths';
import { checkMerge, type UnitMerge } from '../../src/shared/hierarchy/merge';
import {
  planUnitImport,
  readUnitCsv,
  readUnitJson,
  type UnitImportProblem,
} from '../../src/shared/hierarchy/unit-import';
import { ulid } from '../../src/shared/ids';
import { explain, type Actor } from '../../src/shared/permissions/can';
import { OrgUnit } from '../../src/shared/schemas/org';
import type { Database } from '../db/schema';
import { HttpError } from '../errors';
import { appendAudit } from './audit';
import { getRecord, insertUnitRecord, SERVER_ORIGIN, writeFields } from './records';
import { recordsUnder } from './reports/scope';
import { recordedMerges } from './unit-merges';

type Db = Kysely<Database> | Transaction<Database>;

/** Every recorded unit under a path, in path order. */
export async function unitsUnder(db: Db, path: string): Promise<OrgUnit[]> {
  const rows = await recordsUnder(db, 'org_unit', path);
  return rows
    .map((row) => OrgUnit.safeParse(JSON.parse(row.data)).data)
    .filter((unit): unit is OrgUnit => unit !== undefined)
    .sort((a, b) => a.path.localeCompare(b.path));
}

function authorise(actor: Actor, path: string) {
  const decision = explain(actor, 'orgUnit.manage', { orgPath: path });
  if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
}

/**
 * The administrators' unit tree (`orgUnit.manage` in the actor's subtree). Units are records, so
 * whatever is added or renamed reaches the phones in their next pull; merges are rows of their
 * own and never touch a unit's record or a submission (migrations/010_unit_merges.ts).
 */
export class UnitAdmin {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async tree(actor: Actor): Promise<UnitTree> {
    authorise(actor, actor.orgPath);
    const units = await unitsUnder(this.db, actor.orgPath);
    const inScope = new Set(units.map((unit) => unit.id));
    const merges = (await recordedMerges(this.db)).filter(
      (merge) => inScope.has(merge.target) || merge.sources.some((code) => inScope.has(code)),
    );
    return { units, merges };
  }

  /** All or none: the plan is checked, then applied in one transaction with one audit event. */
  async importUnits(actor: Actor, request: UnitImportRequest): Promise<UnitImportOutcome> {
    authorise(actor, actor.orgPath);
    const read = request.format === 'json' ? readUnitJson(request.text) : readUnitCsv(request.text);
    return this.db.transaction().execute(async (trx) => {
      const existing = await unitsUnder(trx, '/');
      const check = planUnitImport(existing, read.rows, actor.orgPath);
      const problems = [...read.problems, ...(check.ok ? [] : check.problems)].sort((a, b) =>
        a.at.localeCompare(b.at, 'en', { numeric: true }),
      );
      if (!check.ok || problems.length > 0) return this.refuseImport(request, problems);
      const { plan } = check;
      const outcome: UnitImportOutcome = {
        ok: true,
        applied: !request.dryRun,
        added: plan.add.map((unit) => ({ code: unit.code, name: unit.name, path: unit.path })),
        renamed: plan.rename.map(({ unit, name }) => ({
          code: unit.code,
          from: unit.name,
          to: name,
        })),
        unchanged: plan.unchanged,
      };
      if (request.dryRun || (plan.add.length === 0 && plan.rename.length === 0)) return outcome;
      const at = this.now().toISOString();
      for (const unit of plan.add) await insertUnitRecord(trx, unit, at);
      for (const rename of plan.rename) await this.writeName(trx, rename.unit, rename, at);
      await appendAudit(trx, {
        actor: actor.userId,
        action: 'admin.units_imported',
        target: `org_unit:${actor.orgPath}`,
        data: {
          format: request.format,
          added: outcome.added.map((unit) => unit.code),
          renamed: outcome.renamed,
        },
        at,
      });
      return outcome;
    });
  }

  /** A dry run answers with the problems; a real import with problems is a refused request. */
  private refuseImport(
    request: UnitImportRequest,
    problems: readonly UnitImportProblem[],
  ): UnitImportOutcome {
    if (request.dryRun) return { ok: false, problems: [...problems] };
    throw new HttpError('VALIDATION_FAILED', 'The file has problems; nothing was imported', {
      problems,
    });
  }

  async rename(actor: Actor, unitId: string, rename: UnitRename): Promise<OrgUnit> {
    return this.db.transaction().execute(async (trx) => {
      const unit = OrgUnit.safeParse((await getRecord(trx, 'org_unit', unitId))?.data);
      // Out of scope and absent look the same to a stranger.
      if (!unit.success || !isInSubtree(unit.data.path, actor.orgPath))
        throw new HttpError('NOT_FOUND', `No unit ${unitId}`);
      authorise(actor, unit.data.path);
      const at = this.now().toISOString();
      await this.writeName(trx, unit.data, rename, at);
      await appendAudit(trx, {
        actor: actor.userId,
        action: 'admin.unit_renamed',
        target: `org_unit:${unitId}`,
        data: { from: unit.data.name, to: rename.name },
        at,
      });
      return {
        ...unit.data,
        name: rename.name,
        ...(rename.fullName ? { fullName: rename.fullName } : {}),
      };
    });
  }

  private async writeName(
    trx: Transaction<Database>,
    unit: OrgUnit,
    rename: { name: string; fullName?: string | undefined },
    at: string,
  ) {
    await writeFields(trx, {
      collection: 'org_unit',
      id: unit.id,
      orgPath: unit.path,
      fields: { name: rename.name, ...(rename.fullName ? { fullName: rename.fullName } : {}) },
      origin: SERVER_ORIGIN,
      now: at,
    });
  }

  /** Records a merge after the shared check; a refusal names the reason and the unit. */
  async merge(actor: Actor, request: NewUnitMerge): Promise<UnitMergeRecord> {
    return this.db.transaction().execute(async (trx) => {
      const units = await unitsUnder(trx, '/');
      const byId = new Map(units.map((unit) => [unit.id, unit]));
      for (const code of [request.target, ...request.sources]) {
        const unit = byId.get(code);
        // Unknown units are the shared check's to name; known ones must be the actor's.
        if (unit && !isInSubtree(unit.path, actor.orgPath))
          throw new HttpError('NOT_FOUND', `No unit ${code}`);
        if (unit) authorise(actor, unit.path);
      }
      const earlier: UnitMerge[] = await recordedMerges(trx);
      const check = checkMerge(units, earlier, request);
      if (!check.ok)
        throw new HttpError('CONFLICT', `The merge is refused: ${check.code} (${check.unit})`, {
          refusal: check.code,
          unit: check.unit,
        });
      const at = this.now().toISOString();
      const record: UnitMergeRecord = {
        id: ulid(),
        target: request.target,
        sources: [...request.sources],
        effectiveOn: request.effectiveOn,
        recordedAt: at,
        recordedBy: actor.userId,
      };
      await trx
        .insertInto('unit_merges')
        .values({
          id: record.id,
          target: record.target,
          sources: JSON.stringify(record.sources),
          effective_on: record.effectiveOn,
          recorded_at: at,
          recorded_by: actor.userId,
        })
        .execute();
      await appendAudit(trx, {
        actor: actor.userId,
        action: 'admin.units_merged',
        target: `org_unit:${record.target}`,
        data: { sources: record.sources, effectiveOn: record.effectiveOn, merge: record.id },
        at,
      });
      return record;
    });
  }
}
