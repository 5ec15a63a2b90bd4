import { afterEach, describe, expect, it, vi } from 'vitest';
import { MinhChungDb } from '../../../src/app/db/database';
import { SyncEngine } from '../../../src/app/sync/engine';
import { enqueue } from '../../../src/app/sync/outbox';
import type { SyncTransport } from '../../../src/app/sync/transport';
import { answerIdFor } from '../../../src/shared/protocol/record-ids';
import {
  itemMutation,
  type Mutation,
  type SyncRequest,
  type SyncResponse,
} from '../../../src/shared/protocol/sync';
import { seededIds } from '../../helpers/sync-client';

const SUBMISSION = 'cds-2025@22783';
const nextId = seededIds(9);
const edit = (fields: Record<string, unknown>, indicatorId = '1.2'): Mutation => ({
  id: nextId(),
  at: '2026-01-01T00:00:00.000Z',
  type: 'answer.set',
  submissionId: SUBMISSION,
  indicatorId,
  fields,
});

/** A server stand-in that acks everything, and can hold a request until the test releases it. */
class HeldTransport implements SyncTransport {
  requests: SyncRequest[] = [];
  private release: (() => void) | null = null;
  hold = false;
  sync(request: SyncRequest): Promise<SyncResponse> {
    this.requests.push(request);
    const answer: SyncResponse = {
      protocol: 1,
      cursor: 1,
      changes: [],
      acks: request.mutations.map((m) => itemMutation(m).id),
      rejections: [],
      hasMore: false,
    };
    if (!this.hold) return Promise.resolve(answer);
    return new Promise((resolve) => {
      this.release = () => resolve(answer);
    });
  }
  letGo() {
    this.release?.();
  }
}

const dbs: MinhChungDb[] = [];
let created = 0;
const freshDb = () => {
  // Dexie keeps the IndexedDB factory it found at import, so each test gets its own name.
  const db = new MinhChungDb(`outbox-test-${created++}`);
  dbs.push(db);
  return db;
};
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('the outbox', () => {
  it('applies a mutation locally and queues it in one step', async () => {
    const db = freshDb();
    await enqueue(db, edit({ value: 3 }), 'user-1');
    expect(
      (await db.records.get(['answer', answerIdFor(SUBMISSION, '1.2')]))?.fields,
    ).toMatchObject({ value: 3, updatedBy: 'user-1' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('folds consecutive unsent edits of one answer, but not across other changes', async () => {
    const db = freshDb();
    await enqueue(db, edit({ value: 1 }), 'u');
    await enqueue(db, edit({ value: 2 }), 'u');
    await enqueue(db, edit({ note: 'x' }), 'u');
    expect(await db.outbox.count()).toBe(1);
    expect((await db.outbox.toArray())[0]?.mutation).toMatchObject({
      fields: { value: 2, note: 'x' },
    });
    await enqueue(db, edit({ value: 5 }, '1.3'), 'u');
    await enqueue(db, edit({ value: 4 }), 'u');
    expect(await db.outbox.count()).toBe(3);
  });

  it('never folds an edit into a request already on its way', async () => {
    const db = freshDb();
    const transport = new HeldTransport();
    const engine = new SyncEngine(db, transport);
    await enqueue(db, edit({ value: 1 }), 'u');
    transport.hold = true;
    const running = engine.sync();
    // The first edit is on its way once the transport holds its request.
    await vi.waitFor(() => expect(transport.requests).toHaveLength(1));
    // Typed while the first edit is in flight: it must get its own entry.
    await enqueue(db, edit({ value: 2 }), 'u');
    transport.hold = false;
    transport.letGo();
    await running;
    await engine.sync();
    const sent = transport.requests.flatMap((request) => request.mutations);
    expect(sent.map((m) => (m.type === 'answer.set' ? m.fields.value : null))).toEqual([1, 2]);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.records.get(['answer', answerIdFor(SUBMISSION, '1.2')]))?.fields.value).toBe(
      2,
    );
  });
});
