// What bench/province.ts measures on: a deployment's unit tree (the shipped province, or the
// whole country from bench/fixtures/vn-units-2025-03.json — 63 provinces, 696 districts, 10,035
// communes) with every commune's submission to the demo campaign filled in, written straight to
// the records table as years of use would leave it.
import { readFile, writeFile, copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../sync-server/db/database';
import { SHIPPED_TEMPLATE_FILE, SHIPPED_UNITS_FILE } from '../sync-server/services/shipped-data';
import { answerIdFor, submissionIdFor } from '../src/shared/protocol/record-ids';
import { OrgUnit, type UnitTreeNode } from '../src/shared/schemas/org';
import type { SubmissionStatus } from '../src/shared/schemas/submission';
import { templateIndicators, type Indicator, type Template } from '../src/shared/schemas/template';
import { scoreSubmission, type EvidenceCounts } from '../src/shared/scoring/score';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURE = path.join(import.meta.dirname, 'fixtures/vn-units-2025-03.json');
const CAMPAIGN = 'cds-2025';
/** 8 columns a row: under both drivers' bound-parameter limits. */
const CHUNK = 4000;

interface FixtureUnit {
  code: string;
  name: string;
  nameEn?: string;
  fullName?: string;
}
interface Fixture {
  provinces: (FixtureUnit & { districts: (FixtureUnit & { communes: FixtureUnit[] })[] })[];
}

const node = (unit: FixtureUnit, level: UnitTreeNode['level']): UnitTreeNode => ({
  code: unit.code,
  name: unit.name,
  ...(unit.nameEn === undefined ? {} : { nameEn: unit.nameEn }),
  ...(unit.fullName === undefined ? {} : { fullName: unit.fullName }),
  level,
});

/** The country as one deployment: Việt Nam above its provinces. */
export async function nationalTree(): Promise<UnitTreeNode> {
  const fixture = JSON.parse(await readFile(FIXTURE, 'utf8')) as Fixture;
  return {
    code: 'VN',
    name: 'Việt Nam',
    nameEn: 'Viet Nam',
    fullName: 'Nước Cộng hòa xã hội chủ nghĩa Việt Nam',
    level: 'country',
    children: fixture.provinces.map((province) => ({
      ...node(province, 'province'),
      children: province.districts.map((district) => ({
        ...node(district, 'district'),
        children: district.communes.map((commune) => node(commune, 'commune')),
      })),
    })),
  };
}

/** A shipped-data directory with this unit tree and the shipped checklist (and no map). */
export async function shippedDataWith(tree: UnitTreeNode): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-bench-shipped-'));
  await writeFile(path.join(dir, SHIPPED_UNITS_FILE), JSON.stringify(tree));
  await copyFile(
    path.join(ROOT, 'data', SHIPPED_TEMPLATE_FILE),
    path.join(dir, SHIPPED_TEMPLATE_FILE),
  );
  return dir;
}

/** A fixed pseudo-random number in [0, 1) for (commune, indicator): the same data every run. */
function draw(a: number, b: number): number {
  let x = (a * 2_654_435_761 + b * 40_503 + 12_345) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x45d9f3b) >>> 0;
  x ^= x >>> 16;
  return x / 2 ** 32;
}

/** A valid answer, strong or weak by the draw, so that scores spread and ranks have ties. */
function answerValue(indicator: Indicator, strength: number): unknown {
  const strong = strength > 0.3;
  switch (indicator.type) {
    case 'boolean':
      return strong;
    case 'choice':
      return (strong ? indicator.options[0] : indicator.options.at(-1))?.value;
    case 'count':
      return strong ? 5 : 1;
    case 'ratio':
      return { numerator: Math.round(strength * 10), denominator: 10 };
    case 'percent':
      return Math.round(strength * 100);
    case 'text':
      return 'Có';
    case 'date':
      return '2025-06-30';
  }
}

/** The status mix of a year nearing its end: most work accepted, some still on its way. */
function statusOf(index: number): SubmissionStatus {
  const bucket = index % 20;
  if (bucket === 0) return 'draft';
  if (bucket === 1) return 'submitted';
  if (bucket === 2) return 'returned';
  if (bucket < 6) return 'approved';
  return 'accepted';
}

interface Row {
  collection: string;
  id: string;
  org_path: string;
  data: Record<string, unknown>;
}

/** One commune's submission and answers, the figures scored as the server scores at submit. */
function communeRows(template: Template, commune: OrgUnit, index: number, now: string): Row[] {
  const submissionId = submissionIdFor(CAMPAIGN, commune.id);
  const answers = new Map<string, unknown>();
  const evidence = new Map<string, EvidenceCounts>();
  const rows: Row[] = [];
  templateIndicators(template).forEach((indicator, k) => {
    const value = answerValue(indicator, draw(index, k));
    answers.set(indicator.id, value);
    if (indicator.evidence.required && draw(k, index) > 0.15)
      evidence.set(indicator.id, {
        photos: Math.max(1, indicator.evidence.minPhotos),
        documents: 0,
      });
    rows.push({
      collection: 'answer',
      id: answerIdFor(submissionId, indicator.id),
      org_path: commune.path,
      data: {
        id: answerIdFor(submissionId, indicator.id),
        submissionId,
        indicatorId: indicator.id,
        value,
        updatedBy: `commune-${commune.code}`,
        updatedAt: now,
      },
    });
  });
  const status = statusOf(index);
  const score = scoreSubmission(template, answers, evidence);
  // One commune in fifteen sent after the deadline (2026-12-31).
  const sentAt = index % 15 === 7 ? '2027-01-04T03:00:00.000Z' : '2026-11-20T03:00:00.000Z';
  rows.push({
    collection: 'submission',
    id: submissionId,
    org_path: commune.path,
    data: {
      id: submissionId,
      campaignId: CAMPAIGN,
      orgUnitId: commune.id,
      status,
      updatedAt: now,
      ...(status === 'draft'
        ? {}
        : {
            score: score.total,
            pillarScores: score.pillars,
            evidenceCount: [...evidence.values()].reduce((sum, item) => sum + item.photos, 0),
            submittedAt: sentAt,
            firstSubmittedAt: sentAt,
          }),
    },
  });
  return rows;
}

async function communesOf(db: ReturnType<typeof openDatabase>['db']): Promise<OrgUnit[]> {
  const rows = await db
    .selectFrom('records')
    .select('data')
    .where('collection', '=', 'org_unit')
    .execute();
  return rows
    .map((row) => OrgUnit.parse(JSON.parse(row.data)))
    .filter((unit) => unit.level === 'commune')
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Fills every commune's submission on a database the server has migrated and seeded: about 30
 * answers each and the submission record with the figures the server writes at submit. Returns
 * how many communes and records were written.
 */
export async function fillSubmissions(databaseUrl: string, dataDir: string) {
  const handle = openDatabase(databaseUrl, dataDir);
  try {
    const { db } = handle;
    const templateRow = await db
      .selectFrom('records')
      .select('data')
      .where('collection', '=', 'template')
      .executeTakeFirstOrThrow();
    const template = (JSON.parse(templateRow.data) as { body: Template }).body;
    const communes = await communesOf(db);
    const now = '2026-11-20T03:00:00.000Z';
    const rows = communes.flatMap((commune, index) => communeRows(template, commune, index, now));
    const head = Number(
      (
        await db
          .selectFrom('meta')
          .select('value')
          .where('key', '=', 'seq')
          .executeTakeFirstOrThrow()
      ).value,
    );
    for (let offset = 0; offset < rows.length; offset += CHUNK) {
      const values = rows.slice(offset, offset + CHUNK).map((row, i) => {
        const seq = head + offset + i + 1;
        const fmeta = Object.fromEntries(
          Object.keys(row.data).map((key) => [key, [seq, 'server']]),
        );
        return {
          ...row,
          seq,
          data: JSON.stringify(row.data),
          fmeta: JSON.stringify(fmeta),
          created_at: now,
          updated_at: now,
        };
      });
      await db.insertInto('records').values(values).execute();
    }
    await db
      .updateTable('meta')
      .set({ value: head + rows.length })
      .where('key', '=', 'seq')
      .execute();
    if (handle.dialect === 'postgres') await sql`ANALYZE records`.execute(db);
    return { communes: communes.length, records: rows.length };
  } finally {
    await handle.close();
  }
}
