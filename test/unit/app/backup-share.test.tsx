// The backup file offered to the phone's share sheet (Web Share API) where the browser can share
// files, and not offered where it cannot. The share sheet belongs to the operating system: it is
// the one part stubbed here.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BackupPanel } from '../../../src/app/features/data/BackupPanel';
import { initI18n } from '../../../src/app/i18n';
import { ServicesProvider } from '../../../src/app/services';
import { closeDbs, freshDb, OFFICER } from './checklist-harness';

beforeAll(async () => {
  await initI18n('vi');
  // jsdom has no object URLs; the download link only needs one to click.
  URL.createObjectURL = () => 'blob:backup';
  URL.revokeObjectURL = () => undefined;
});
afterEach(() => {
  cleanup();
  closeDbs();
  vi.unstubAllGlobals();
});

function renderPanel(label: string) {
  return render(
    <ServicesProvider services={{ db: freshDb(label), baseUrl: '', sync: null }}>
      <BackupPanel session={OFFICER} />
    </ServicesProvider>,
  );
}

describe('sharing a backup from the phone', () => {
  it('offers the share sheet after an export, with the .mcbackup file', async () => {
    const share = vi.fn((_data: ShareData) => Promise.resolve());
    vi.stubGlobal('navigator', {
      ...navigator,
      canShare: (data: ShareData) =>
        (data.files ?? []).every((file) => file.name.endsWith('.mcbackup')),
      share,
    });
    renderPanel('share-yes');
    expect(screen.queryByTestId('share-backup')).toBeNull();
    fireEvent.click(screen.getByTestId('export-backup'));
    const button = await screen.findByTestId('share-backup');
    expect(button.textContent).toBe('Gửi tệp qua ứng dụng khác (Zalo, Bluetooth, thư…)');
    fireEvent.click(button);
    await waitFor(() => expect(share).toHaveBeenCalledTimes(1));
    const files = share.mock.calls[0]?.[0].files ?? [];
    expect(files.map((file) => file.name)).toEqual([expect.stringMatching(/\.mcbackup$/)]);
  });

  it('keeps to the download where the browser cannot share files', async () => {
    vi.stubGlobal('navigator', { ...navigator, canShare: () => false });
    renderPanel('share-no');
    fireEvent.click(screen.getByTestId('export-backup'));
    await screen.findByTestId('backup-status');
    expect(screen.queryByTestId('share-backup')).toBeNull();
  });
});
