/** First wait for a resource in a transitional state. */
const FIRST_DELAY_MS = 1_000;
/** Longest wait between two looks. */
const MAX_DELAY_MS = 30_000;

/**
 * Adaptive polling of cloud resources in transition (a load balancer `PENDING_*`): the first looks come fast and
 * the delay doubles per look, up to 30 s, per object; it starts over once the object is no longer waiting, and when
 * it waits for something else than at the previous look (the bastion gone, now the load balancer), so that a wait
 * that follows a long one does not inherit its delay. Upstream instead blocks a worker in a 20-step backoff or
 * requeues every 15 s.
 */
export class PendingDelays {
  private readonly waits = new Map<string, { waitingFor: string | undefined; attempt: number }>();

  /** The delay before the next look at `key`, growing with each call while `waitingFor` stays the same. */
  next(key: string, waitingFor?: string): number {
    const previous = this.waits.get(key);
    const attempt = previous && previous.waitingFor === waitingFor ? previous.attempt : 0;
    this.waits.set(key, { waitingFor, attempt: attempt + 1 });
    return Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
  }

  /** `key` is no longer waiting. */
  reset(key: string): void {
    this.waits.delete(key);
  }
}
