/** First wait for a resource in a transitional state. */
const FIRST_DELAY_MS = 1_000;
/** Longest wait between two looks. */
const MAX_DELAY_MS = 30_000;

/**
 * Adaptive polling of cloud resources in transition (a load balancer `PENDING_*`): the first looks come fast and
 * the delay doubles per look, up to 30 s, per object; it starts over once the object is no longer waiting.
 * Upstream instead blocks a worker in a 20-step backoff or requeues every 15 s.
 */
export class PendingDelays {
  private readonly attempts = new Map<string, number>();

  /** The delay before the next look at `key`, growing with each call. */
  next(key: string): number {
    const attempt = this.attempts.get(key) ?? 0;
    this.attempts.set(key, attempt + 1);
    return Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
  }

  /** `key` is no longer waiting. */
  reset(key: string): void {
    this.attempts.delete(key);
  }
}
