import type { RateLimiter } from './rate-limiter.js';

/**
 * Per-key exponential backoff (client-go's `ItemExponentialFailureRateLimiter`): the n-th failure of a key
 * (counting from 0) waits `baseDelayMs * 2^n`, capped at `maxDelayMs`.
 */
export class ExponentialFailureRateLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();

  constructor(
    readonly baseDelayMs = 5,
    readonly maxDelayMs = 1_000_000,
  ) {
    if (baseDelayMs <= 0 || maxDelayMs < baseDelayMs) {
      throw new Error(`invalid backoff: base ${baseDelayMs} ms, max ${maxDelayMs} ms`);
    }
  }

  when(key: string): number {
    const exponent = this.failures.get(key) ?? 0;
    this.failures.set(key, exponent + 1);
    return Math.min(this.baseDelayMs * 2 ** exponent, this.maxDelayMs);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}
