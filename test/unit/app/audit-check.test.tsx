// The administrator's audit check on screen, against a real server on 127.0.0.1: intact, then an
// edited event named in words; not offered to other roles.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MinhChungDb } from '../../../src/app/db/database';
import { AuditCheck } from '../../../src/app/features/admin/AuditCheck';
import type { Session } from '../../../src/app/features/auth/session';
import { initI18n } from '../../../src/app/i18n';
import { ServicesProvider } from '../../../src/app/services';
import { startTestServer, type TestServer } from '../../helpers/test-server';

let server: TestServer;
const db = new MinhChungDb(`audit-check-${Date.now()}`);

async function sessionOf(username: string): Promise<Session> {
  const login = await server.login(username);
  return { ...login, signedInAt: new Date().toISOString() };
}

function renderCheck(session: Session) {
  return render(
    <ServicesProvider services={{ db, baseUrl: server.url, sync: null }}>
      <AuditCheck session={session} />
    </ServicesProvider>,
  );
}

beforeAll(async () => {
  await initI18n('vi');
  server = await startTestServer('sqlite');
});
afterEach(() => cleanup());
afterAll(async () => {
  db.close();
  await server?.close();
});

describe('the audit check screen', () => {
  it('says the chain is intact, then names an edited event and what to do', async () => {
    renderCheck(await sessionOf('admin'));
    fireEvent.click(screen.getByTestId('audit-run'));
    await waitFor(() =>
      expect(screen.getByTestId('audit-result').textContent).toMatch(
        /^Chuỗi nhật ký nguyên vẹn: [\d.]+ sự kiện/,
      ),
    );
    const database = server.context.database.db;
    const first = await database
      .selectFrom('audit_events')
      .select(['seq', 'data'])
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    await database
      .updateTable('audit_events')
      .set({ data: `${first.data} ` })
      .where('seq', '=', first.seq)
      .execute();
    fireEvent.click(screen.getByTestId('audit-run'));
    await waitFor(() =>
      expect(screen.getByTestId('audit-result').textContent).toContain(
        `Sự kiện số ${first.seq} đã bị sửa sau khi ghi`,
      ),
    );
    expect(screen.getByTestId('audit-result').textContent).toContain('Hãy khôi phục');
  });

  it('is not offered to the province or a district', async () => {
    for (const username of ['province', 'district-584']) {
      const { container } = renderCheck(await sessionOf(username));
      expect(container.textContent).toBe('');
      cleanup();
    }
  });
});
