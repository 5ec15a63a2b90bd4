import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n } from '../../../src/app/i18n';
import { inSentence, unitDisplayName } from '../../../src/app/features/checklist/unit-names';
import { formatBytes, formatNumber, formatPercent } from '../../../src/app/ui/format';

describe('the one number formatter', () => {
  it('writes Vietnamese and English numbers the way each reads them', () => {
    expect(formatNumber(1000, 'vi')).toBe('1.000');
    expect(formatNumber(37.5, 'vi')).toBe('37,5');
    expect(formatNumber(6.25, 'vi')).toBe('6,25');
    expect(formatNumber(1000, 'en')).toBe('1,000');
    expect(formatNumber(37.5, 'en')).toBe('37.5');
    expect(formatPercent(92.5, 'vi')).toBe('92,5%');
    expect(formatPercent(92.5, 'en')).toBe('92.5%');
    expect(formatBytes(2.5 * 1024 * 1024, 'vi')).toBe('2,5 MB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
  });

  it('formats counts inside sentences and picks the plural form', async () => {
    await initI18n('en');
    expect(i18next.t('sync.pending', { count: 1 })).toBe('1 change waiting to be sent');
    expect(i18next.t('sync.pending', { count: 1200 })).toBe('1,200 changes waiting to be sent');
    await i18next.changeLanguage('vi');
    expect(i18next.t('sync.pending', { count: 1200 })).toBe('1.200 thay đổi chờ gửi');
  });
});

describe('unit names', () => {
  it('shows the English name with its kind in English, the full Vietnamese name otherwise', () => {
    const ward = { name: 'Đô Vinh', nameEn: 'Do Vinh', fullName: 'Phường Đô Vinh' };
    expect(unitDisplayName(ward, 'vi')).toBe('Phường Đô Vinh');
    expect(unitDisplayName(ward, 'en')).toBe('Do Vinh Ward');
    const city = {
      name: 'Phan Rang-Tháp Chàm',
      nameEn: 'Phan Rang-Thap Cham',
      fullName: 'Thành phố Phan Rang-Tháp Chàm',
    };
    expect(unitDisplayName(city, 'en')).toBe('Phan Rang-Thap Cham City');
    expect(unitDisplayName({ name: 'Tân Sơn', fullName: 'Thị trấn Tân Sơn' }, 'en')).toBe(
      'Thị trấn Tân Sơn',
    );
  });

  it('names the reviewing unit inside a Vietnamese sentence, whatever its level', () => {
    expect(inSentence('Huyện Bác Ái')).toBe('huyện Bác Ái');
    // A 2-level province: the commune's parent is the province itself.
    expect(inSentence('Tỉnh Ninh Thuận')).toBe('tỉnh Ninh Thuận');
  });
});
