import { performance } from 'node:perf_hooks';

interface Waiter {
  condition: () => boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * What the benchmark controller's reconciles saw: distinct keys, the total count and the first time each
 * resourceVersion was seen. Benchmarks wait on it with {@link until}, which re-checks after every reconcile.
 */
export class ReconcileLog {
  /** Distinct `namespace/name` keys reconciled. */
  readonly keys = new Set<string>();
  /** `performance.now()` of the first reconcile that read each resourceVersion from the cache. */
  readonly versionSeenAt = new Map<string, number>();
  /** Reconciles so far, repeats included. */
  count = 0;
  /** `performance.now()` of the first reconcile. */
  firstAt: number | undefined;
  private readonly waiters = new Set<Waiter>();
  private failure: { error: unknown } | undefined;

  /** Records one reconcile of `key` that read `resourceVersion`. */
  record(key: string, resourceVersion: string | undefined): void {
    const now = performance.now();
    this.count++;
    this.firstAt ??= now;
    this.keys.add(key);
    if (resourceVersion !== undefined && !this.versionSeenAt.has(resourceVersion)) {
      this.versionSeenAt.set(resourceVersion, now);
    }
    for (const waiter of this.waiters) {
      if (waiter.condition()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Fails every current and future wait, e.g. because the manager stopped with an error. */
  fail(error: unknown): void {
    this.failure = { error };
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters.clear();
  }

  /** Resolves once `condition` holds after a reconcile (or already holds); rejects after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (condition()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter: Waiter = {
        condition,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }
}
