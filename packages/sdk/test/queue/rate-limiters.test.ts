import { describe, expect, it } from 'vitest';
import {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ExponentialFailureRateLimiter,
  MaxOfRateLimiter,
} from '../../src/queue/index.js';
import { ManualClock } from './manual-clock.js';

describe('ExponentialFailureRateLimiter', () => {
  it('doubles from 5 ms per failure of a key and caps at 1000 s', () => {
    const limiter = new ExponentialFailureRateLimiter();
    const delays = Array.from({ length: 20 }, () => limiter.when('a'));
    expect(delays.slice(0, 5)).toEqual([5, 10, 20, 40, 80]);
    expect(delays[17]).toBe(5 * 2 ** 17);
    expect(delays[18]).toBe(1_000_000);
    expect(delays[19]).toBe(1_000_000);
    expect(limiter.numRequeues('a')).toBe(20);
  });

  it('keeps keys apart and starts over after forget', () => {
    const limiter = new ExponentialFailureRateLimiter(5, 1_000_000);
    limiter.when('a');
    limiter.when('a');
    expect(limiter.when('b')).toBe(5);
    limiter.forget('a');
    expect(limiter.numRequeues('a')).toBe(0);
    expect(limiter.when('a')).toBe(5);
    expect(limiter.numRequeues('b')).toBe(1);
  });

  it('rejects a maximum below the base delay', () => {
    expect(() => new ExponentialFailureRateLimiter(10, 5)).toThrow(/invalid backoff/);
  });
});

describe('BucketRateLimiter', () => {
  it('lets a burst of 100 through, then spaces calls at 10 per second', () => {
    const clock = new ManualClock();
    const limiter = new BucketRateLimiter(clock, 10, 100);
    const burst = Array.from({ length: 100 }, (_, i) => limiter.when(`k${i}`));
    expect(burst.every((d) => d === 0)).toBe(true);
    expect(limiter.when('x')).toBeCloseTo(100);
    expect(limiter.when('y')).toBeCloseTo(200);
    expect(limiter.numRequeues('x')).toBe(0);
  });

  it('refills at qps and never above the burst', () => {
    const clock = new ManualClock();
    const limiter = new BucketRateLimiter(clock, 10, 100);
    for (let i = 0; i < 102; i++) limiter.when('k');
    clock.advance(1000); // -2 tokens + 10
    const afterOneSecond = Array.from({ length: 9 }, () => limiter.when('k'));
    expect(afterOneSecond.slice(0, 8).every((d) => d === 0)).toBe(true);
    expect(afterOneSecond[8]).toBeCloseTo(100);

    clock.advance(3_600_000);
    const afterOneHour = Array.from({ length: 101 }, () => limiter.when('k'));
    expect(afterOneHour.filter((d) => d === 0)).toHaveLength(100);
    expect(afterOneHour[100]).toBeCloseTo(100);
  });
});

describe('defaultControllerRateLimiter', () => {
  it('is the larger of the per-key backoff and the overall bucket', () => {
    const clock = new ManualClock();
    const limiter = defaultControllerRateLimiter(clock);
    expect(limiter.when('a')).toBe(5);
    expect(limiter.when('a')).toBe(10);
    for (let i = 0; i < 98; i++) limiter.when(`other-${i}`);
    // The bucket is empty now: a fresh key waits for the bucket, not for its own 5 ms.
    expect(limiter.when('fresh')).toBeCloseTo(100);
    expect(limiter.numRequeues('a')).toBe(2);
    limiter.forget('a');
    expect(limiter.numRequeues('a')).toBe(0);
  });

  it('needs at least one limiter to take the maximum of', () => {
    expect(() => new MaxOfRateLimiter()).toThrow(/at least one/);
  });
});
