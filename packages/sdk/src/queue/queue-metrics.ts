/**
 * What a {@link WorkQueue} reports (client-go's queue metrics, with controller-runtime's per-priority depth).
 * `metrics/` implements it with Prometheus; {@link noQueueMetrics} discards everything.
 */
export interface QueueMetrics {
  /** The number of ready keys at `priority` changed by `delta` (`workqueue_depth`). */
  depthChanged(priority: number, delta: number): void;
  /** A key became ready to be handed out (`workqueue_adds_total`). */
  added(): void;
  /** A key was handed to a worker after being ready for `waitedSeconds` (`workqueue_queue_duration_seconds`). */
  handedOut(waitedSeconds: number): void;
  /** A worker finished a key after `workedSeconds` (`workqueue_work_duration_seconds`). */
  finished(workedSeconds: number): void;
  /** A key was scheduled with a non-zero delay (`workqueue_retries_total`). */
  retried(): void;
  /**
   * Registers how to read the work in progress: `probe` returns the age in seconds of every key being processed
   * (`workqueue_unfinished_work_seconds`, `workqueue_longest_running_processor_seconds`). Read at scrape time.
   */
  trackInProgress(probe: () => number[]): void;
}

/** Metrics that go nowhere. */
export const noQueueMetrics: QueueMetrics = {
  depthChanged() {},
  added() {},
  handedOut() {},
  finished() {},
  retried() {},
  trackInProgress() {},
};
