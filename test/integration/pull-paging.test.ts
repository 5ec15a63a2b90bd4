// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Change, Mutation } from '../../src/shared/protocol/sync';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * A pull that needs several pages must deliver, over its pages, every field the database holds:
 * the union of the pages equals the database field for field, whatever the page size. The risk
 * is a record whose fields carry different seqs (written in several mutations): a page is cut
 * at a record's seq, and a record lying beyond the cut may hold fields whose seq is below it.
 */
const CAMPAIGN = 'cds-2025';
const COMMUNE = '22783';
const SUBMISSION = submissionIdFor(CAMPAIGN, COMMUNE);
const AT = '2026-01-02T03:04:05.000Z';
const INDICATORS = ['1.2', '1.3', '1.4'];
/** A valid value per indicator (count, yes/no, ratio), `n` making each write a different one. */
const valueFor = (indicatorId: string, n: number): unknown =>
  indicatorId === '1.3'
    ? n % 2 === 0
    : indicatorId === '1.4'
      ? { numerator: n, denominator: 100 }
      : n;

type Held = Map<string, Record<string, unknown>>;

/** What a device holds after applying `changes` in order, field by field. */
function apply(held: Held, changes: Change[]): Held {
  for (const change of changes) {
    const key = `${change.collection}:${change.id}`;
    held.set(key, { ...held.get(key), ...change.fields });
  }
  return held;
}

describe('pull paging on sqlite', () => {
  let server: TestServer;
  const nextId = seededIds(11);
  let readers = 0;
  const device = async (username: string, deviceId: string) =>
    new TestDevice(server.url, (await server.login(username)).token, deviceId);
  const answer = (indicatorId: string, fields: Record<string, unknown>): Mutation => ({
    id: nextId(),
    at: AT,
    type: 'answer.set',
    submissionId: SUBMISSION,
    indicatorId,
    fields,
  });

  /** Every record in the database, as a province reader (who sees them all) should hold it. */
  const database = async (): Promise<Held> => {
    const rows = await server.context.database.db
      .selectFrom('records')
      .select(['collection', 'id', 'data'])
      .execute();
    return new Map(
      rows.map((row) => [
        `${row.collection}:${row.id}`,
        JSON.parse(row.data) as Record<string, unknown>,
      ]),
    );
  };

  /** A fresh province device pulling from 0 in pages of `limit`; `between` runs after page 1. */
  const pullInPages = async (limit: number, between?: () => Promise<void>) => {
    readers += 1;
    const reader = await device('province', `desk-paging-${readers}`);
    const held: Held = new Map();
    let pages = 0;
    for (;;) {
      const response = await reader.sync([], limit);
      apply(held, response.changes);
      pages += 1;
      if (pages === 1 && between) await between();
      if (!response.hasMore) return { held, pages };
    }
  };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const phone = await device('commune-22783', 'phone-paging-01');
    await phone.pullAll();
    // Each answer written in three separate rounds, interleaved across answers: every answer
    // ends with fields at three different seqs, and its record seq above the other answers'
    // first writes.
    for (const round of [
      (i: string) => answer(i, { value: valueFor(i, 3) }),
      (i: string) => answer(i, { note: `Ghi chú ${i}` }),
      (i: string) => answer(i, { value: valueFor(i, 4) }),
    ])
      for (const indicatorId of INDICATORS) {
        const response = await phone.sync([round(indicatorId)]);
        expect(response.rejections).toEqual([]);
      }
  });
  afterAll(async () => server?.close());

  it('delivers every field of every record whatever the page size', async () => {
    const expected = await database();
    const single = await pullInPages(1000);
    expect(single.pages).toBe(1);
    expect(single.held).toEqual(expected);
    for (const limit of [1, 2, 3, 5, 7]) {
      const paged = await pullInPages(limit);
      expect(paged.pages).toBeGreaterThan(1);
      expect({ limit, held: paged.held }).toEqual({ limit, held: expected });
    }
  });

  it('delivers every field when a record changes after the first page', async () => {
    const writer = await device('commune-22783', 'phone-paging-02');
    await writer.pullAll();
    let round = 0;
    for (const limit of [1, 2, 3]) {
      const paged = await pullInPages(limit, async () => {
        round += 1;
        // One answer's value again, another's note: both records move beyond every cut so far.
        const response = await writer.sync([
          answer('1.2', { value: 10 + round }),
          answer('1.4', { note: `Sửa lần ${round}` }),
        ]);
        expect(response.rejections).toEqual([]);
      });
      expect({ limit, held: paged.held }).toEqual({ limit, held: await database() });
    }
  });

  it('delivers every field when the answer to a page is lost and the page asked again', async () => {
    const reader = await device('province', 'desk-paging-lost');
    const held: Held = new Map();
    apply(held, (await reader.sync([], 2)).changes);
    const asked = reader.cursor;
    const lost = await reader.sync([], 2);
    expect(lost.hasMore).toBe(true);
    reader.cursor = asked; // the phone never applied the lost page: it asks from where it was
    for (;;) {
      const response = await reader.sync([], 2);
      apply(held, response.changes);
      if (!response.hasMore) break;
    }
    expect(held).toEqual(await database());
  });
});
