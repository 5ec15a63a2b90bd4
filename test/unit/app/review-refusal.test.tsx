// Two reviewers of one district decide on the same submission; the server's order wins. The one
// who decided second — offline, on this phone — sees in words that the server refused, and the
// status it holds now; the phone's record converges to the server's. Real server (in-process,
// SQLite, real HTTP), the real outbox and sync engine.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../src/app/features/auth/session';
import { ReviewScreen } from '../../../src/app/features/review/ReviewScreen';
import { initI18n } from '../../../src/app/i18n';
import { ServicesProvider } from '../../../src/app/services';
import { RouterNavigation } from '../../../src/app/ui/RouterNavigation';
import { submissionIdFor } from '../../../src/shared/protocol/record-ids';
import { answerAll } from '../../helpers/answers';
import { ClientDevice } from '../../helpers/client-device';
import { seededIds, TestDevice } from '../../helpers/sync-client';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const UNIT = '22786';
const SUBMISSION = submissionIdFor('cds-2025', UNIT);

let server: TestServer;
beforeAll(async () => {
  await initI18n('vi');
  server = await startTestServer('sqlite');
});
afterAll(async () => {
  await server?.close();
});

describe('a decision refused because another reviewer decided first', () => {
  it('says so in words, with the current status, and the phone converges', async () => {
    const nextId = seededIds(4242);
    const commune = new TestDevice(
      server.url,
      (await server.login(`commune-${UNIT}`)).token,
      'commune-phone-1',
    );
    await commune.sync([
      ...answerAll(SUBMISSION, nextId),
      {
        id: nextId(),
        at: '2026-01-02T00:00:00.000Z',
        type: 'submission.transition',
        submissionId: SUBMISSION,
        event: 'submit',
      },
    ]);

    const login = await server.login('district-584');
    const session: Session = { ...login, signedInAt: new Date().toISOString() };
    const phone = new ClientDevice(server.url, login.token, login.user.id);
    expect(await phone.engine.sync()).toMatchObject({ ok: true });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    render(
      <ServicesProvider services={{ db: phone.db, baseUrl: server.url, sync: null }}>
        <MemoryRouter>
          <RouterNavigation>
            <ReviewScreen session={session} submissionId={SUBMISSION} />
          </RouterNavigation>
        </MemoryRouter>
      </ServicesProvider>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('review-status').textContent).toBe('Chờ thẩm định'),
    );

    // The phone is offline: the return waits in its outbox. Meanwhile a colleague approves.
    fireEvent.change(screen.getByLabelText('Lý do chung'), {
      target: { value: 'Thiếu minh chứng chỉ tiêu 1.2' },
    });
    fireEvent.click(screen.getByTestId('decide-return'));
    await screen.findByTestId('decision-pending');
    const colleague = new TestDevice(
      server.url,
      (await server.login('district-584')).token,
      'colleague-phone',
    );
    const approved = await colleague.sync([
      {
        id: nextId(),
        at: '2026-01-03T00:00:00.000Z',
        type: 'submission.transition',
        submissionId: SUBMISSION,
        event: 'approve',
      },
    ]);
    expect(approved.rejections).toEqual([]);

    // Back online: the server refuses the return, and says why and what it holds.
    expect(await phone.engine.sync()).toMatchObject({ ok: true, rejected: 1 });
    const refusal = await screen.findByTestId('decision-refused');
    expect(refusal.textContent).toContain(
      'Máy chủ không nhận quyết định «Trả lại cho xã» của bạn: hồ sơ đã đổi trạng thái trước khi quyết định của bạn tới (có thể một cán bộ khác đã quyết định trước). Trạng thái hiện tại: Đã duyệt.',
    );
    expect(refusal.textContent).toContain('Lý do bạn đã viết: Thiếu minh chứng chỉ tiêu 1.2');
    expect(screen.getByTestId('review-status').textContent).toBe('Đã duyệt');
    expect(await phone.record('submission', SUBMISSION)).toMatchObject({ status: 'approved' });
    expect(screen.queryByTestId('decision-panel')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Đã hiểu' }));
    await waitFor(() => expect(screen.queryByTestId('decision-refused')).toBeNull());
    expect(await phone.db.outbox.count()).toBe(0);
    await phone.close();
  });
});
