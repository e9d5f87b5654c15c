/**
 * The time source of the work queue and its rate limiters. Production code uses {@link systemClock}; tests pass a
 * manual clock so that backoff, token buckets and delayed adds are deterministic and need no real sleeps.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences are meaningful). */
  now(): number;
  /** Calls `callback` once, `delayMs` from now. Returns a function that cancels the call. */
  schedule(delayMs: number, callback: () => void): () => void;
}

/** The process clock: `performance.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  schedule(delayMs, callback) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    return () => clearTimeout(timer);
  },
};
