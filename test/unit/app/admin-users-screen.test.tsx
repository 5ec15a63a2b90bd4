// The accounts screen against a real server on 127.0.0.1: refusals in words (not allowed, a
// username taken, signed out, offline), and the single-account form's own check before sending.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MinhChungDb } from '../../../src/app/db/database';
import type { Session } from '../../../src/app/features/auth/session';
import { UsersScreen } from '../../../src/app/features/admin-users/UsersScreen';
import { initI18n } from '../../../src/app/i18n';
import { ServicesProvider } from '../../../src/app/services';
import { startTestServer, type TestServer } from '../../helpers/test-server';

let server: TestServer;
const db = new MinhChungDb(`admin-users-${Date.now()}`);

async function sessionOf(username: string): Promise<Session> {
  const login = await server.login(username);
  return { ...login, signedInAt: new Date().toISOString() };
}

function renderScreen(session: Session, baseUrl = server.url) {
  return render(
    <ServicesProvider services={{ db, baseUrl, sync: null }}>
      <UsersScreen session={session} />
    </ServicesProvider>,
  );
}

beforeAll(async () => {
  await initI18n('vi');
  server = await startTestServer('sqlite');
  const units = await server.context.database.db
    .selectFrom('records')
    .select(['id', 'data'])
    .where('collection', '=', 'org_unit')
    .execute();
  await db.records.bulkPut(
    units.map((row) => ({
      collection: 'org_unit' as const,
      id: row.id,
      fields: JSON.parse(row.data) as Record<string, unknown>,
    })),
  );
});
afterEach(() => cleanup());
afterAll(async () => {
  db.close();
  await server?.close();
});

const fill = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the accounts screen', () => {
  it('is not offered to a district reviewer', async () => {
    renderScreen(await sessionOf('district-584'));
    expect(screen.getByText(/Bạn không được quản lý tài khoản này/)).toBeTruthy();
    expect(screen.queryByTestId('users-screen')).toBeNull();
  });

  it('checks the form before sending, then says which username is taken', async () => {
    renderScreen(await sessionOf('province'));
    await waitFor(() => expect(screen.getByTestId('user-commune-22783')).toBeTruthy());
    fill(/^Tên đăng nhập/, 'Ab');
    fireEvent.click(screen.getByTestId('create-one'));
    await waitFor(() =>
      expect(screen.getByTestId('create-problems').textContent).toContain(
        'Ô tên đăng nhập: quá ngắn',
      ),
    );
    expect(screen.getByTestId('create-problems').textContent).toContain('Ô họ tên: quá ngắn');
    fill(/^Tên đăng nhập/, 'commune-22783');
    fill('Họ tên', 'Người thứ hai');
    fireEvent.click(screen.getByTestId('create-one'));
    await waitFor(() =>
      expect(screen.getByTestId('create-problems').textContent).toBe(
        'Tên đăng nhập commune-22783 đã có người dùng; hãy đổi tên đó rồi gửi lại. Chưa tài khoản nào được tạo.',
      ),
    );
    // The province may not give the administrator's role: it is not in the list at all.
    const roles = [...screen.getByLabelText<HTMLSelectElement>('Vai trò').options].map(
      (o) => o.value,
    );
    expect(roles).not.toContain('admin');
  });

  it('says a revoked session must sign in again, and offline what to do', async () => {
    const session = await sessionOf('admin');
    await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
    renderScreen(session);
    await waitFor(() =>
      expect(screen.getByTestId('users-error').textContent).toContain(
        'Phiên đăng nhập đã hết; hãy đăng nhập lại',
      ),
    );
    cleanup();
    renderScreen(await sessionOf('admin'), 'http://127.0.0.1:9');
    await waitFor(() =>
      expect(screen.getByTestId('users-error').textContent).toContain(
        'Không kết nối được máy chủ. Quản lý tài khoản cần có mạng',
      ),
    );
  });
});
