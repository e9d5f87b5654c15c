/** Bounds of {@link adaptiveRequeueMs}. */
export interface AdaptiveRequeueBounds {
  /** First delay, while the operation is young (default 2 s). */
  readonly minMs: number;
  /** Longest delay, for operations that take long (default 60 s). */
  readonly maxMs: number;
}

const defaultBounds: AdaptiveRequeueBounds = { minMs: 2_000, maxMs: 60_000 };

/**
 * How long to wait before looking at an operation in progress again: a quarter of the time it has been running,
 * between `minMs` and `maxMs`. A server that turns ACTIVE in 10 s is seen within ~2.5 s; one that takes ten
 * minutes is polled once a minute. Stateless: the age comes from the OpenStack object's own timestamps or the
 * Kubernetes object's, so a restarted controller polls at the same pace.
 */
export function adaptiveRequeueMs(elapsedMs: number, bounds: Partial<AdaptiveRequeueBounds> = {}): number {
  const { minMs, maxMs } = { ...defaultBounds, ...bounds };
  const quarter = Math.floor(Math.max(0, elapsedMs) / 4);
  return Math.min(maxMs, Math.max(minMs, quarter));
}
