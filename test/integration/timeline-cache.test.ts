// @vitest-environment node
// The timeline on the phone: fetched when online, kept for offline, and a failed refresh keeps the
// copy the phone has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelineError } from '../../src/app/features/history/api';
import {
  prefetchTimelines,
  readCachedTimeline,
  refreshTimeline,
} from '../../src/app/features/history/repository';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { answerAll } from '../helpers/answers';
import { ClientDevice } from '../helpers/client-device';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SUBMISSIONS = ['22783', '22786'].map((code) => submissionIdFor('cds-2025', code));

describe('timelines kept on a reviewer phone', () => {
  let server: TestServer;
  let reviewer: ClientDevice;
  const nextId = seededIds(31);

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    for (const [index, code] of ['22783', '22786'].entries()) {
      const login = await server.login(`commune-${code}`);
      const phone = new TestDevice(server.url, login.token, `phone-${code}`);
      const answered = await phone.sync(answerAll(SUBMISSIONS[index] ?? '', nextId));
      expect(answered.rejections).toEqual([]);
    }
    const login = await server.login('district-584');
    reviewer = new ClientDevice(server.url, login.token, login.user.id);
  });
  afterAll(async () => {
    await reviewer?.close();
    await server?.close();
  });

  it('prefetches the inbox, then reads it with the server gone', async () => {
    const fetched = await prefetchTimelines(reviewer.db, {
      baseUrl: server.url,
      token: reviewer.token,
      submissionIds: SUBMISSIONS,
    });
    expect(fetched).toBe(2);
    const dead = 'http://127.0.0.1:9';
    await expect(
      refreshTimeline(reviewer.db, {
        baseUrl: dead,
        token: reviewer.token,
        submissionId: SUBMISSIONS[0] ?? '',
      }),
    ).rejects.toEqual(new TimelineError('offline'));
    for (const submissionId of SUBMISSIONS) {
      const cached = await readCachedTimeline(reviewer.db, submissionId);
      expect(cached?.timeline.entries.filter((entry) => entry.kind === 'answer')).toHaveLength(26);
    }
    // Offline, a prefetch stops at the first failure instead of trying every submission.
    const offline = await prefetchTimelines(reviewer.db, {
      baseUrl: dead,
      token: reviewer.token,
      submissionIds: SUBMISSIONS,
    });
    expect(offline).toBe(0);
  });

  it('says why when the server refuses, and keeps nothing it was not given', async () => {
    const other = await server.login('district-582');
    const outsider = new ClientDevice(server.url, other.token, other.user.id);
    try {
      await expect(
        refreshTimeline(outsider.db, {
          baseUrl: server.url,
          token: other.token,
          submissionId: SUBMISSIONS[0] ?? '',
        }),
      ).rejects.toEqual(new TimelineError('notAllowed'));
      expect(await readCachedTimeline(outsider.db, SUBMISSIONS[0] ?? '')).toBeNull();
    } finally {
      await outsider.close();
    }
  });
});
