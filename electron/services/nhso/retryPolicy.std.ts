/** When a queued authen request is tried again: doubling from `baseMs` up to `maxMs`, each try cut off after `timeoutMs`. */
export interface RetryPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  /** One HTTP call to the agent (it waits on the NHSO behind it). */
  readonly timeoutMs: number;
  /** How long `nhso.requestAuthen` waits for its first try before answering "pending" (the try goes on). */
  readonly answerWithinMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 2_000,
  maxMs: 60_000,
  timeoutMs: 10_000,
  answerWithinMs: 1_500,
};

/** Delay before the next try after `failures` failed tries (1 → baseMs). */
export function retryDelayMs(failures: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}
