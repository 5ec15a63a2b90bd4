import { describe, expect, it } from 'vitest';
import { updateMayReload } from '../../../src/app/ui/update-policy';

describe('when an app update may reload', () => {
  it('waits while changes are unsent and sync can still send them', () => {
    expect(updateMayReload(3, { kind: 'idle', lastSuccessAt: null })).toBe(false);
    expect(updateMayReload(3, undefined)).toBe(false);
    expect(
      updateMayReload(3, { kind: 'blocked', reason: 'unauthenticated', message: 'sign in' }),
    ).toBe(false);
    expect(updateMayReload(0, { kind: 'idle', lastSuccessAt: null })).toBe(true);
  });

  it('goes ahead when the server requires a newer app: this one can never send them', () => {
    expect(updateMayReload(3, { kind: 'blocked', reason: 'outdated', message: '426' })).toBe(true);
  });
});
