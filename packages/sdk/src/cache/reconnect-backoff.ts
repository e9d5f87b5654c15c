/** Tuning of {@link ReconnectBackoff}; the defaults are kube-rs's `DefaultBackoff`. */
export interface BackoffOptions {
  /** First delay. Default 800 ms. */
  initialMs: number;
  /** Longest delay. Default 30 s. */
  maxMs: number;
  /** Growth per failure. Default 2. */
  factor: number;
  /** A failure this long after the previous one starts again from {@link initialMs}. Default 120 s. */
  resetAfterMs: number;
}

/** kube-rs `DefaultBackoff`: 0.8 s doubling to 30 s, reset after 120 s without a failure. */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = {
  initialMs: 800,
  maxMs: 30_000,
  factor: 2,
  resetAfterMs: 120_000,
};

/**
 * Exponential backoff with jitter for reconnecting a watch: each delay is drawn from `[d, 2d)` (capped at
 * `maxMs`), where `d` grows by `factor` per consecutive failure. A healthy period of `resetAfterMs` without a
 * failure starts over from `initialMs`, so one blip after hours of health is retried quickly.
 */
export class ReconnectBackoff {
  private readonly options: BackoffOptions;
  private attempt = 0;
  private lastFailureAt: number | undefined;

  constructor(
    options: Partial<BackoffOptions> = {},
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.options = { ...DEFAULT_BACKOFF, ...options };
  }

  /** Records a failure and returns how long to wait before the next attempt, in milliseconds. */
  next(): number {
    const now = this.now();
    if (this.lastFailureAt !== undefined && now - this.lastFailureAt >= this.options.resetAfterMs) this.attempt = 0;
    this.lastFailureAt = now;
    const { initialMs, maxMs, factor } = this.options;
    const base = Math.min(maxMs, initialMs * factor ** this.attempt);
    if (base < maxMs) this.attempt++;
    return Math.min(maxMs, base * (1 + this.random()));
  }
}
