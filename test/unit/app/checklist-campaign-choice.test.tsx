// The officer's campaign chooser: with more than one campaign assigned to the commune the
// checklist offers them (open first, newest deadline first; drafts and other communes' campaigns
// never), loads the chosen campaign's own template version, keeps the choice on the device across
// a remount, and shows a closed one read-only.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../../src/app/db/database';
import {
  CAMPAIGN_CHOICE_KEY,
  officerCampaigns,
} from '../../../src/app/features/checklist/campaign-choice';
import { initI18n } from '../../../src/app/i18n';
import type { Campaign } from '../../../src/shared/schemas/campaign';
import { shippedTemplate } from '../shared/shipped-data';
import {
  CAMPAIGN_ID,
  UNIT_ID,
  closeDbs,
  freshDb,
  renderChecklist,
  seedChecklist,
} from './checklist-harness';

beforeAll(async () => {
  await initI18n('vi');
});
afterEach(() => closeDbs());

/** Version 2 of the template, told apart by its first pillar's title. */
const templateV2 = {
  ...shippedTemplate,
  version: 2,
  pillars: shippedTemplate.pillars.map((pillar, index) =>
    index === 0
      ? { ...pillar, title: { vi: 'Trụ cột mới năm 2026', en: 'New pillar 2026' } }
      : pillar,
  ),
};

function campaign(id: string, overrides: Partial<Campaign>): Campaign {
  return {
    id,
    templateId: shippedTemplate.id,
    templateVersion: shippedTemplate.version,
    title: { vi: `Đợt ${id}` },
    period: { start: '2026-01-01', end: '2026-06-30' },
    deadline: '2026-07-15T10:00:00Z',
    assignedUnitIds: [UNIT_ID],
    status: 'open',
    ...overrides,
  };
}
const record = (c: Campaign): LocalRecord => ({
  collection: 'campaign',
  id: c.id,
  fields: { ...c },
});

const campaigns = [
  campaign('bo-sung-2026', { templateVersion: 2, deadline: '2027-03-01T10:00:00Z' }),
  campaign('cu-2024', { status: 'closed', deadline: '2027-06-01T10:00:00Z' }),
  campaign('chuan-bi', { status: 'draft' }),
  campaign('noi-khac', { assignedUnitIds: ['22737'] }),
];
const extra: LocalRecord[] = [
  ...campaigns.map(record),
  {
    collection: 'template',
    id: `${templateV2.id}.v2`,
    fields: { templateId: templateV2.id, version: 2, body: templateV2 },
  },
];

describe('the officer chooses among the campaigns of the commune', () => {
  it('orders open campaigns first, then by the newest deadline, without drafts', () => {
    const ordered = officerCampaigns(campaigns, UNIT_ID);
    expect(ordered.map((c) => c.id)).toEqual(['bo-sung-2026', 'cu-2024']);
  });

  it('offers the choice, loads the chosen template version and remembers it', async () => {
    const db = freshDb('choice');
    await seedChecklist(db, { template: shippedTemplate, extra });
    const view = await renderChecklist(db);
    const select = screen.getByTestId<HTMLSelectElement>('campaign-select');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Đợt bo-sung-2026',
      'Đánh giá chuyển đổi số cấp xã năm 2025',
      'Đợt cu-2024 (đã đóng, chỉ xem)',
    ]);
    // The open campaign with the newest deadline comes first, on its own template version.
    expect(select.value).toBe('bo-sung-2026');
    expect(screen.getByRole('heading', { name: /Trụ cột mới năm 2026/ })).toBeTruthy();

    fireEvent.change(select, { target: { value: CAMPAIGN_ID } });
    await waitFor(() => expect(screen.queryByText(/Trụ cột mới năm 2026/)).toBeNull());
    expect(
      screen.getByText('Đánh giá chuyển đổi số cấp xã năm 2025', { selector: 'p' }),
    ).toBeTruthy();
    expect((await db.syncState.get(CAMPAIGN_CHOICE_KEY))?.value).toBe(CAMPAIGN_ID);

    view.unmount();
    await renderChecklist(db);
    expect(screen.getByTestId<HTMLSelectElement>('campaign-select').value).toBe(CAMPAIGN_ID);
  });

  it('shows a closed campaign read-only', async () => {
    const db = freshDb('closed');
    await seedChecklist(db, { template: shippedTemplate, extra });
    await renderChecklist(db);
    expect(screen.queryByTestId('locked')).toBeNull();
    fireEvent.change(screen.getByTestId('campaign-select'), { target: { value: 'cu-2024' } });
    expect((await screen.findByTestId('locked')).textContent).toBe(
      'Đợt đánh giá đã đóng: phiếu chỉ để xem, không sửa hay gửi được nữa.',
    );
    expect(screen.getByTestId('campaign-deadline').textContent).toMatch(/đã đóng/);
  });

  it('shows no chooser when only one campaign is assigned', async () => {
    const db = freshDb('single');
    await seedChecklist(db, { template: shippedTemplate });
    await renderChecklist(db);
    expect(screen.queryByTestId('campaign-select')).toBeNull();
    expect(screen.getByTestId('campaign-deadline').textContent).toMatch(/^Hạn nộp: /);
  });
});
