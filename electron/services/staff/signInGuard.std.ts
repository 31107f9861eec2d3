/**
 * When a staff code may try a PIN again. After MAX_FAILURES wrong PINs in a row the code is locked out for
 * LOCKOUT_MS, doubling with each further lockout up to MAX_LOCKOUT_MS; a right PIN resets it. Pure: the state
 * lives in the station database, so a restart does not reset it.
 */
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60_000;
export const MAX_LOCKOUT_MS = 60 * 60_000;

export interface AttemptState {
  /** Wrong PINs since the last right one or the last lockout. */
  readonly failures: number;
  /** Lockouts since the last right PIN (each one doubles the next). */
  readonly lockouts: number;
  readonly lockedUntil: number | null;
}

export const NO_ATTEMPTS: AttemptState = { failures: 0, lockouts: 0, lockedUntil: null };

export type AttemptCheck = { readonly allowed: true } | { readonly allowed: false; readonly retryAt: number };

export function checkAttempt(state: AttemptState, now: number): AttemptCheck {
  return state.lockedUntil !== null && now < state.lockedUntil
    ? { allowed: false, retryAt: state.lockedUntil }
    : { allowed: true };
}

export function afterFailure(state: AttemptState, now: number): AttemptState {
  const failures = state.failures + 1;
  if (failures < MAX_FAILURES) return { ...state, failures };
  const lockouts = state.lockouts + 1;
  const length = Math.min(MAX_LOCKOUT_MS, LOCKOUT_MS * 2 ** (lockouts - 1));
  return { failures: 0, lockouts, lockedUntil: now + length };
}

/** Signed in and untouched for `idleMs`: the station locks until the same person gives the PIN again. */
export function isIdle(lastActivity: number, now: number, idleMs: number): boolean {
  return now - lastActivity >= idleMs;
}
