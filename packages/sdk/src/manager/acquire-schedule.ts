/**
 * Jitter on a candidate's ordinary acquire retries: each pause lasts `retryPeriod × (1 + ACQUIRE_JITTER_FACTOR × r)`
 * with `r` uniform in [0, 1), so between 1 and 1.2 retry periods (2–2.4 s with the default 2 s). client-go uses 1.2
 * here (up to 2.2 retry periods); the smaller factor bounds how late a candidate sees the leader's last renewal.
 */
export const ACQUIRE_JITTER_FACTOR = 0.2;

/**
 * How long after a foreign lease's expiry (by the candidate's own clock) the candidate's next attempt is scheduled,
 * so that a timer firing a little early never finds the lease still valid.
 */
export const EXPIRY_MARGIN_MS = 100;

/** A lease's holder as a candidate last saw it, and when its record last changed. */
export interface ObservedLease {
  /** `spec.holderIdentity`; empty when the lease is free. */
  holder: string;
  /** `spec.leaseDurationSeconds`, in milliseconds. */
  durationMs: number;
  /** When (candidate's monotonic clock, `performance.now()`) the lease record was last seen to change. */
  observedAt: number;
}

/** What a candidate knows when it schedules its next acquire attempt. */
export interface AcquireScheduleInput {
  /** The candidate's own `holderIdentity`. */
  identity: string;
  /** The lease as last observed; `undefined` when it was never read. */
  observed?: ObservedLease;
  /** The current time on the clock of `observed.observedAt`. */
  now: number;
  /** The base pause between attempts. */
  retryPeriodMs: number;
  /** Source of the jitter, uniform in [0, 1). */
  random: () => number;
}

/**
 * The pause before a candidate's next acquire attempt. Normally one jittered retry period (see
 * {@link ACQUIRE_JITTER_FACTOR}). While another holder's lease is still valid by the candidate's clock, the pause
 * ends no later than {@link EXPIRY_MARGIN_MS} after that lease expires (`observedAt + durationMs`), so the
 * candidate takes over as soon as it may instead of up to a retry period later. The candidate keeps reading the
 * lease at least every retry period meanwhile, which is how it notices renewals and restarts its expiry clock.
 */
export function nextAcquireDelayMs(input: AcquireScheduleInput): number {
  const { identity, observed, now, retryPeriodMs, random } = input;
  const retry = retryPeriodMs * (1 + ACQUIRE_JITTER_FACTOR * random());
  if (!observed || observed.holder === '' || observed.holder === identity) return retry;
  const expiresInMs = observed.observedAt + observed.durationMs - now;
  if (expiresInMs <= 0) return retry;
  return Math.min(retry, expiresInMs + EXPIRY_MARGIN_MS);
}
