import { describe, expect, it } from 'vitest';
import { createUlidFactory, isUlid, ulid, ulidTime } from '../../../src/shared/ids';

/** A small deterministic generator (mulberry32) so that ids are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('ULIDs', () => {
  const fixedTime = Date.UTC(2025, 10, 26, 8, 0, 0);

  it('are deterministic with an injected clock and random source', () => {
    const a = createUlidFactory({ now: () => fixedTime, random: seeded(42) });
    const b = createUlidFactory({ now: () => fixedTime, random: seeded(42) });
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((id) => id.length === 26 && isUlid(id))).toBe(true);
    expect(ulidTime(first[0] ?? '')).toBe(fixedTime);
  });

  it('encode the timestamp in the first 10 characters', () => {
    const next = createUlidFactory({ now: () => 1469918176385, random: () => 0 });
    // The example from the reference implementation's README: encodeTime(1469918176385) = 01ARYZ6S41.
    expect(next().slice(0, 10)).toBe('01ARYZ6S41');
  });

  it('increase strictly within one millisecond and when the clock goes backwards', () => {
    let time = fixedTime;
    const next = createUlidFactory({ now: () => time, random: seeded(7) });
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i === 500) time -= 10_000;
      if (i === 700) time = fixedTime + 1;
      ids.push(next());
    }
    for (let i = 1; i < ids.length; i++) expect((ids[i - 1] ?? '') < (ids[i] ?? '')).toBe(true);
  });

  it('borrow the next millisecond instead of failing when the random part overflows', () => {
    const next = createUlidFactory({ now: () => fixedTime, random: () => 0.999999 });
    const first = next();
    const second = next();
    expect(first.slice(10)).toBe('Z'.repeat(16));
    expect(second > first).toBe(true);
    expect(ulidTime(second)).toBe(fixedTime + 1);
  });

  it('refuse an unusable clock', () => {
    expect(() => createUlidFactory({ now: () => -1 })()).toThrow(RangeError);
    expect(() => createUlidFactory({ now: () => 1.5 })()).toThrow(RangeError);
  });

  it('default generator uses Web Crypto and produces distinct valid ids', () => {
    const ids = new Set(Array.from({ length: 200 }, () => ulid()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(isUlid(id)).toBe(true);
  });

  it('isUlid rejects look-alikes', () => {
    for (const bad of [
      '',
      '01ARYZ6DF1',
      '01aryz6df1' + '0'.repeat(16),
      '8' + '0'.repeat(25),
      '01ARYZ6DF1' + 'I'.repeat(16),
      42,
    ]) {
      expect(isUlid(bad)).toBe(false);
    }
    expect(ulidTime('nope')).toBeNull();
  });
});
