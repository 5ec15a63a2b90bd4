// The district map drawn from the shipped map file: fills by step, a title per district with its
// value, the legend's steps, the no-data hatch, and districts as buttons only when selectable.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import mapJson from '../../../data/map-ninh-thuan-districts.json';
import { fetchMap, MapLoadError } from '../../../src/app/api/map';
import { DistrictMap } from '../../../src/app/features/dashboard/DistrictMap';
import { changeLanguage, initI18n } from '../../../src/app/i18n';
import { MapData } from '../../../src/shared/map/schema';

const map = MapData.parse(mapJson);

// 582 Phan Rang-Tháp Chàm, 584 Bác Ái, 585 Ninh Sơn, 586 Ninh Hải, 587 Ninh Phước,
// 588 Thuận Bắc, 589 Thuận Nam; 589 is left out on purpose.
const SCORES: Record<string, number | null> = {
  '582': 912.5,
  '584': 100,
  '585': null,
  '586': 400,
  '587': 650,
  '588': 799.9,
};

function area(code: string): SVGPathElement {
  const found = screen
    .getByTestId('district-map')
    .querySelector<SVGPathElement>(`path[data-code="${code}"]`);
  if (!found) throw new Error(`no path for district ${code}`);
  return found;
}

beforeAll(async () => {
  await initI18n('vi');
});
afterAll(async () => {
  await changeLanguage('vi');
});

describe('the district map', () => {
  it('fills each district by its step and hatches the districts without data', () => {
    render(<DistrictMap map={map} values={SCORES} metric="score" />);
    const fills = Object.fromEntries(
      map.districts.map((d) => [d.code, area(d.code).getAttribute('fill')]),
    );
    expect(fills).toMatchObject({
      '582': '#0c2c84',
      '584': '#ffffcc',
      '586': '#41b6c4',
      '587': '#225ea8',
      '588': '#225ea8',
    });
    const hatch = screen.getByTestId('district-map').querySelector('pattern');
    expect(hatch?.id).toMatch(/^district-map-hatch-[\w-]+$/);
    expect(fills['585']).toBe(`url(#${hatch?.id})`);
    expect(fills['589']).toBe(`url(#${hatch?.id})`);
    expect(area('585').getAttribute('data-bin')).toBe('none');
  });

  it('names each district with its value in a title, and in Vietnamese numbers', () => {
    render(<DistrictMap map={map} values={SCORES} metric="score" />);
    expect(area('582').querySelector('title')?.textContent).toBe(
      'Thành phố Phan Rang-Tháp Chàm: 912,5 điểm',
    );
    expect(area('585').querySelector('title')?.textContent).toBe('Huyện Ninh Sơn: chưa có dữ liệu');
    expect(area('589').getAttribute('aria-label')).toBe('Huyện Thuận Nam: chưa có dữ liệu');
    expect(screen.getByRole('group').getAttribute('aria-label')).toBe(
      'Bản đồ các huyện: Tỉnh Ninh Thuận',
    );
    // Labels without the kind of unit, the long one on two lines.
    const labels = [...screen.getByTestId('district-map').querySelectorAll('text')];
    expect(labels.map((label) => label.textContent)).toContain('Phan Rang-Tháp Chàm');
    const city = labels.find((label) => label.textContent === 'Phan Rang-Tháp Chàm');
    expect([...(city?.querySelectorAll('tspan') ?? [])].map((s) => s.textContent)).toEqual([
      'Phan Rang-',
      'Tháp Chàm',
    ]);
  });

  it('lists the five steps and "no data" in the legend, with their colours', () => {
    render(<DistrictMap map={map} values={SCORES} metric="score" />);
    const bins = screen.getAllByTestId('map-legend-bin');
    expect(bins.map((bin) => bin.textContent)).toEqual([
      '0–200',
      '200–400',
      '400–600',
      '600–800',
      '800–1.000',
    ]);
    const swatch = bins[4]?.querySelector<HTMLElement>('.district-map-swatch');
    expect(swatch?.style.background).toMatch(/#0c2c84|rgb\(12, 44, 132\)/);
    expect(screen.getByTestId('map-legend-no-data').textContent).toBe('Chưa có dữ liệu');
    expect(screen.getByText('Điểm trung bình của các xã')).toBeTruthy();
  });

  it('reads completeness as a percent, on steps of 20', () => {
    render(
      <DistrictMap map={map} values={{ '584': 75, '586': 100, '587': 0 }} metric="completeness" />,
    );
    expect(area('584').querySelector('title')?.textContent).toBe('Huyện Bác Ái: 75% số xã đã nộp');
    expect(area('586').getAttribute('fill')).toBe('#0c2c84');
    expect(area('587').getAttribute('fill')).toBe('#ffffcc');
    expect(screen.getAllByTestId('map-legend-bin').map((bin) => bin.textContent)).toEqual([
      '0–20%',
      '20–40%',
      '40–60%',
      '60–80%',
      '80–100%',
    ]);
  });

  it('shows every district as "no data" before any result', () => {
    render(<DistrictMap map={map} values={{}} metric="score" />);
    for (const district of map.districts)
      expect(area(district.code).getAttribute('data-bin')).toBe('none');
  });

  it('is a picture, not a row of buttons, when nothing can be selected', () => {
    render(<DistrictMap map={map} values={SCORES} metric="score" />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(area('584').getAttribute('tabindex')).toBeNull();
    expect(area('584').getAttribute('role')).toBe('img');
  });

  it('makes the districts focusable buttons that report their code on click, Enter and Space', () => {
    const onSelect = vi.fn();
    render(<DistrictMap map={map} values={SCORES} metric="score" onSelect={onSelect} />);
    const buttons = within(screen.getByTestId('district-map')).getAllByRole('button');
    expect(buttons).toHaveLength(7);
    const bacAi = screen.getByRole('button', { name: 'Huyện Bác Ái: 100 điểm' });
    expect(bacAi.getAttribute('tabindex')).toBe('0');
    act(() => bacAi.focus());
    expect(document.activeElement).toBe(bacAi);
    // Its outline is drawn once more above every district, so no neighbour covers it.
    const outline = () => screen.getByTestId('district-map').querySelector('.district-map-focus');
    expect(outline()?.getAttribute('d')).toBe(area('584').getAttribute('d'));
    fireEvent.keyDown(bacAi, { key: 'Enter' });
    fireEvent.keyDown(bacAi, { key: ' ' });
    fireEvent.keyDown(bacAi, { key: 'a' });
    fireEvent.click(area('589'));
    expect(onSelect.mock.calls).toEqual([['584'], ['584'], ['589']]);
    act(() => bacAi.blur());
    expect(outline()).toBeNull();
  });

  it('speaks English when the app does', async () => {
    await act(() => changeLanguage('en'));
    render(<DistrictMap map={map} values={SCORES} metric="score" />);
    expect(area('582').querySelector('title')?.textContent).toBe(
      'Thành phố Phan Rang-Tháp Chàm: 912.5 points',
    );
    expect(screen.getAllByTestId('map-legend-bin')[4]?.textContent).toBe('800–1,000');
    expect(screen.getByTestId('map-legend-no-data').textContent).toBe('No data yet');
    await act(() => changeLanguage('vi'));
  });
});

describe('fetchMap', () => {
  const answer = (status: number, body: unknown) =>
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    );

  it('validates the map, and takes a NOT_FOUND for "this deployment has no map"', async () => {
    answer(200, mapJson);
    expect(await fetchMap('http://server')).toEqual(map);
    answer(404, { error: { code: 'NOT_FOUND', message: 'no map' } });
    expect(await fetchMap('http://server')).toBeNull();
  });

  it('refuses a map that is not one, and a failing server', async () => {
    answer(200, { ...mapJson, districts: [{ code: '582', name: 'x', path: 'javascript:1' }] });
    await expect(fetchMap('http://server')).rejects.toThrow(MapLoadError);
    answer(500, { error: { code: 'INTERNAL', message: 'boom' } });
    await expect(fetchMap('http://server')).rejects.toThrow('HTTP 500');
  });
});
