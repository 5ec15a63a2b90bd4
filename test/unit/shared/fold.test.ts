import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesFolded } from '../../../src/shared/text/fold';

describe('foldVietnamese', () => {
  it('drops tone and vowel marks and lowercases', () => {
    expect(foldVietnamese('Phước Bình')).toBe('phuoc binh');
    expect(foldVietnamese('Xã Phước Tiến')).toBe('xa phuoc tien');
    expect(foldVietnamese('Thị trấn Tân Sơn')).toBe('thi tran tan son');
    expect(foldVietnamese('Ấ Ầ Ẩ Ẫ Ậ ư Ư ơ Ơ')).toBe('a a a a a u u o o');
  });

  it('maps đ and Đ to d (they are letters of their own, not d with a mark)', () => {
    expect(foldVietnamese('Đô Vinh')).toBe('do vinh');
    expect(foldVietnamese('đường')).toBe('duong');
  });

  it('reads precomposed and decomposed input alike, and squeezes spaces', () => {
    const decomposed = 'Phu\u031bo\u031b\u0301c  Bi\u0300nh ';
    expect(foldVietnamese(decomposed)).toBe('phuoc binh');
  });
});

describe('matchesFolded', () => {
  it('finds a unit typed without diacritics, in any case, by any part of its name', () => {
    expect(matchesFolded('Xã Phước Bình', 'phuoc binh')).toBe(true);
    expect(matchesFolded('Xã Phước Bình', 'PHUOC')).toBe(true);
    expect(matchesFolded('Phường Đô Vinh', 'do vinh')).toBe(true);
    expect(matchesFolded('Xã Phước Bình', 'phuoc thanh')).toBe(false);
    expect(matchesFolded('Xã Phước Bình', '')).toBe(true);
  });
});
