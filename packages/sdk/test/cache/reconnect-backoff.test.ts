import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, ReconnectBackoff } from '../../src/cache/index.js';

function backoffAt(random: number) {
  let now = 0;
  const backoff = new ReconnectBackoff(
    {},
    () => now,
    () => random,
  );
  return {
    backoff,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('ReconnectBackoff', () => {
  it('uses the kube-rs defaults', () => {
    expect(DEFAULT_BACKOFF).toEqual({ initialMs: 800, maxMs: 30_000, factor: 2, resetAfterMs: 120_000 });
  });

  it('doubles from 0.8 s up to 30 s', () => {
    const { backoff } = backoffAt(0);
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000]);
  });

  it('adds up to one delay of jitter, never beyond the maximum', () => {
    const { backoff } = backoffAt(0.5);
    expect(backoff.next()).toBe(1_200);
    expect(backoff.next()).toBe(2_400);
    const high = backoffAt(0.999).backoff;
    const delays = Array.from({ length: 10 }, () => high.next());
    expect(Math.max(...delays)).toBe(30_000);
    expect(delays[0]).toBeGreaterThan(1_500);
  });

  it('starts over after 120 s without a failure, not before', () => {
    const { backoff, advance } = backoffAt(0);
    for (let i = 0; i < 5; i++) backoff.next();
    advance(119_000);
    expect(backoff.next()).toBe(25_600);
    advance(120_000);
    expect(backoff.next()).toBe(800);
    expect(backoff.next()).toBe(1_600);
  });
});
