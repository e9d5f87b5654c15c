export interface EventuallyOptions {
  /**
   * Give up after this long and rethrow the last error. Default 30 s: CI runs two packages' suites at once on two
   * cores, each beside its own API servers, and a controller's effect can take several seconds to show there.
   */
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
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
    }
  }
}
