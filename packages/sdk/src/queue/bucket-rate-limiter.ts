import type { Clock } from './clock.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * One token bucket shared by all keys (client-go's `BucketRateLimiter` over `golang.org/x/time/rate`): it holds at
 * most `burst` tokens and refills `qps` tokens per second. Each call takes a token, possibly going into debt;
 * the delay is the time until that debt is paid back. It keeps no per-key state.
 */
export class BucketRateLimiter implements RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    readonly qps = 10,
    readonly burst = 100,
  ) {
    if (qps <= 0 || burst < 1) throw new Error(`invalid token bucket: ${qps} qps, burst ${burst}`);
    this.tokens = burst;
    this.last = clock.now();
  }

  when(_key: string): number {
    const now = this.clock.now();
    const elapsedSeconds = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsedSeconds * this.qps) - 1;
    this.last = now;
    return this.tokens < 0 ? (-this.tokens / this.qps) * 1000 : 0;
  }

  forget(_key: string): void {}

  numRequeues(_key: string): number {
    return 0;
  }
}
