import { render, screen, within } from '@testing-library/react';
import { act } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { MinhChungDb, type OutboxEntry } from '../../../src/app/db/database';
import { QueueScreen } from '../../../src/app/features/queue/QueueScreen';
import { changeLanguage, initI18n } from '../../../src/app/i18n';
import { ServicesProvider } from '../../../src/app/services';

/** What a district reviewer sees of the commune changes its phone carries: whose, and, when the
 * server refused one, why — in words for each relay code, in both languages. */
const relayed = (
  mutationId: string,
  indicatorId: string,
  rejection?: OutboxEntry['rejection'],
): OutboxEntry => ({
  mutationId,
  mutation: {
    id: mutationId,
    at: '2026-03-01T08:00:00.000Z',
    type: 'answer.set',
    submissionId: 'cds-2025@22783',
    indicatorId,
    fields: { value: 3 },
  },
  state: rejection ? 'rejected' : 'pending',
  touches: [],
  attempts: rejection ? 1 : 0,
  createdAt: '2026-03-01T08:00:00.000Z',
  sent: 1,
  signature: { userId: 'u-22783', keyId: 'A'.repeat(22), value: 'B'.repeat(86) },
  relay: { username: 'commune-22783', orgPath: '/58/584/22783/' },
  ...(rejection ? { rejection } : {}),
});

describe('the queue screen with relayed changes', () => {
  beforeAll(async () => {
    await initI18n('vi');
  });

  it('names the author and says why a relayed change was refused', async () => {
    const db = new MinhChungDb('queue-relay');
    await db.outbox.bulkAdd([
      relayed('01JQ0000000000000000000001', '1.1'),
      relayed('01JQ0000000000000000000002', '1.2', {
        code: 'SIGNATURE_INVALID',
        message: 'the signature does not match this content',
      }),
      relayed('01JQ0000000000000000000003', '1.3', {
        code: 'SIGNER_REVOKED',
        message: 'the device that signed this was revoked',
      }),
    ]);
    render(
      <ServicesProvider services={{ db, baseUrl: '', sync: null }}>
        <QueueScreen />
      </ServicesProvider>,
    );
    const items = await screen.findAllByTestId('queue-item');
    expect(items).toHaveLength(3);
    for (const item of items)
      expect(within(item).getByTestId('queue-relayed').textContent).toBe(
        'Chuyển tiếp giúp commune-22783',
      );
    expect(items[1]?.textContent).toContain('tệp sao lưu bị chỉnh');
    expect(items[2]?.textContent).toContain('đã bị máy chủ đăng xuất');
    await act(() => changeLanguage('en'));
    expect(items[0]?.textContent).toContain('Relayed for commune-22783');
    expect(items[1]?.textContent).toContain('the backup file was edited');
    await act(() => changeLanguage('vi'));
    db.close();
  });
});
