// Wrong PINs lock a staff code: exactly after MAX_FAILURES in a row, for LOCKOUT_MS doubling per lockout up to
// MAX_LOCKOUT_MS; no attempt is allowed while locked; a lockout always ends.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  afterFailure,
  checkAttempt,
  isIdle,
  LOCKOUT_MS,
  MAX_FAILURES,
  MAX_LOCKOUT_MS,
  NO_ATTEMPTS,
  type AttemptState,
} from '../../../../../electron/services/staff/signInGuard.std.js';

describe('sign-in guard', () => {
  it('locks after exactly MAX_FAILURES wrong PINs, for LOCKOUT_MS', () => {
    let state: AttemptState = NO_ATTEMPTS;
    for (let i = 1; i < MAX_FAILURES; i += 1) {
      state = afterFailure(state, 1000);
      expect(checkAttempt(state, 1000).allowed).toBe(true);
    }
    state = afterFailure(state, 1000);
    expect(checkAttempt(state, 1000)).toEqual({ allowed: false, retryAt: 1000 + LOCKOUT_MS });
    expect(checkAttempt(state, 1000 + LOCKOUT_MS).allowed).toBe(true);
  });

  it('any run of failures: never allowed while locked, each lockout at most MAX_LOCKOUT_MS and at least as long as the last', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 * 60_000 }), { minLength: 1, maxLength: 60 }), (gaps) => {
        let state: AttemptState = NO_ATTEMPTS;
        let now = 0;
        let last = 0;
        for (const gap of gaps) {
          now += gap;
          if (!checkAttempt(state, now).allowed) continue;
          const before = state.lockedUntil;
          state = afterFailure(state, now);
          if (state.lockedUntil !== before && state.lockedUntil !== null) {
            const length = state.lockedUntil - now;
            expect(length).toBeLessThanOrEqual(MAX_LOCKOUT_MS);
            expect(length).toBeGreaterThanOrEqual(last);
            last = length;
            expect(checkAttempt(state, now + length - 1).allowed).toBe(false);
            expect(checkAttempt(state, now + length).allowed).toBe(true);
          }
        }
      }),
    );
  });

  it('idle exactly from idleMs on', () => {
    expect(isIdle(0, 59_999, 60_000)).toBe(false);
    expect(isIdle(0, 60_000, 60_000)).toBe(true);
  });
});
