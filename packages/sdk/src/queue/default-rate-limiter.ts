import { BucketRateLimiter } from './bucket-rate-limiter.js';
import { type Clock, systemClock } from './clock.js';
import { ExponentialFailureRateLimiter } from './exponential-rate-limiter.js';
import { MaxOfRateLimiter, type RateLimiter } from './rate-limiter.js';

/**
 * client-go's `DefaultTypedControllerRateLimiter`: the larger of a per-key exponential backoff (5 ms doubling up
 * to 1000 s) and an overall token bucket of 10 qps with a burst of 100.
 */
export function defaultControllerRateLimiter(clock: Clock = systemClock): RateLimiter {
  return new MaxOfRateLimiter(new ExponentialFailureRateLimiter(5, 1_000_000), new BucketRateLimiter(clock, 10, 100));
}
