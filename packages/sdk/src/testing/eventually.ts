export interface EventuallyOptions {
  /** Give up after this long and rethrow the last error. Default 15 s. */
  timeoutMs?: number;
  /** Pause between attempts. Default 50 ms. */
  intervalMs?: number;
}

/**
 * Retries `check` until it returns without throwing, and returns its value; after `timeoutMs` the last error is
 * rethrown. For asserting on state that converges (a controller's effect, a webhook taking effect), in tests only:
 * production code waits on events, never by polling.
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
    }
  }
}
