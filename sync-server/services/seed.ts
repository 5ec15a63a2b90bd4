import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { levelAboveCommune } from '../../src/shared/hierarchy/paths';
import type { Campaign } from '../../src/shared/schemas/campaign';
import type { OrgUnit } from '../../src/shared/schemas/org';
import type { Role } from '../../src/shared/schemas/user';
import type { Template } from '../../src/shared/schemas/template';
import type { Database } from '../db/schema';
import { appendAudit } from './audit';
import type { AuthService } from './auth';
import { insertUnitRecord, SERVER_ORIGIN, writeFields } from './records';
import type { ShippedData } from './shipped-data';

export const DEMO_CAMPAIGN_ID = 'cds-2025';

export function templateRecordId(template: Pick<Template, 'id' | 'version'>): string {
  return `${template.id}.v${template.version}`;
}

function demoCampaign(units: OrgUnit[], template: Template): Campaign {
  return {
    id: DEMO_CAMPAIGN_ID,
    templateId: template.id,
    templateVersion: template.version,
    title: {
      vi: 'Đánh giá chuyển đổi số cấp xã năm 2025',
      en: 'Commune digital-transformation assessment 2025',
    },
    period: { start: '2025-01-01', end: '2025-12-31' },
    deadline: '2026-12-31T17:00:00+07:00',
    assignedUnitIds: units.filter((unit) => unit.level === 'commune').map((unit) => unit.id),
    status: 'open',
  };
}

/**
 * On an empty database: load the shipped units and template and open the year's campaign, as
 * one transaction with one audit event, so a crash half-way leaves nothing to clean up.
 * Returns false when the database already had reference data.
 */
export async function seedReferenceData(
  db: Kysely<Database>,
  shipped: ShippedData,
  now = new Date(),
): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('records')
      .select('id')
      .where('collection', '=', 'org_unit')
      .limit(1)
      .executeTakeFirst();
    if (existing) return false;
    const root = shipped.units.find((unit) => unit.parentId === null);
    if (!root) throw new Error('the shipped unit tree has no root');
    for (const unit of shipped.units) await insertUnitRecord(trx, unit, at);
    const template = shipped.template;
    await writeFields(
      trx,
      {
        collection: 'template',
        id: templateRecordId(template),
        orgPath: root.path,
        fields: { templateId: template.id, version: template.version, body: template },
        origin: SERVER_ORIGIN,
        now: at,
      },
      null,
    );
    const campaign = demoCampaign(shipped.units, template);
    await writeFields(
      trx,
      {
        collection: 'campaign',
        id: campaign.id,
        orgPath: root.path,
        fields: { ...campaign },
        origin: SERVER_ORIGIN,
        now: at,
      },
      null,
    );
    await appendAudit(trx, {
      actor: 'system',
      action: 'admin.seed_reference_data',
      target: `org_unit:${root.id}`,
      data: {
        units: shipped.units.length,
        template: templateRecordId(template),
        campaign: campaign.id,
      },
      at,
    });
    return true;
  });
}

export interface DemoAccount {
  username: string;
  role: Role;
  orgUnitId: string;
}

/** One account per role and unit, named as design.md says: admin, province, district-<code>,
 * commune-<code>. "district" is whatever level sits above the communes. */
export function demoAccounts(units: OrgUnit[]): DemoAccount[] {
  const root = units.find((unit) => unit.parentId === null);
  if (!root) return [];
  const reviewerLevel = levelAboveCommune(units);
  const accounts: DemoAccount[] = [
    { username: 'admin', role: 'admin', orgUnitId: root.id },
    { username: 'province', role: 'province_admin', orgUnitId: root.id },
    { username: 'viewer', role: 'viewer', orgUnitId: root.id },
  ];
  if (reviewerLevel && reviewerLevel !== root.level) {
    for (const unit of units.filter((u) => u.level === reviewerLevel)) {
      accounts.push({
        username: `district-${unit.code}`,
        role: 'district_reviewer',
        orgUnitId: unit.id,
      });
    }
  } else if (reviewerLevel === root.level) {
    accounts.push({
      username: `district-${root.code}`,
      role: 'district_reviewer',
      orgUnitId: root.id,
    });
  }
  for (const unit of units.filter((u) => u.level === 'commune')) {
    accounts.push({
      username: `commune-${unit.code}`,
      role: 'commune_officer',
      orgUnitId: unit.id,
    });
  }
  return accounts;
}

/** Creates the demo accounts once. Returns the password used and whether it was generated (so the
 * caller prints it once), or null when the accounts already existed. */
export async function seedDemoAccounts(
  db: Kysely<Database>,
  auth: AuthService,
  units: OrgUnit[],
  configuredPassword: string | undefined,
): Promise<{ password: string; generated: boolean; count: number } | null> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const generated = !configuredPassword;
  const password = configuredPassword ?? randomBytes(9).toString('base64url');
  const unitNames = new Map(units.map((unit) => [unit.id, unit.fullName ?? unit.name]));
  const accounts = demoAccounts(units);
  // scrypt runs on libuv's thread pool, so hashing in parallel uses every core.
  await Promise.all(
    accounts.map((account) =>
      auth.createUser({
        ...account,
        displayName: `${account.username} — ${unitNames.get(account.orgUnitId) ?? ''}`,
        password,
      }),
    ),
  );
  return { password, generated, count: accounts.length };
}
