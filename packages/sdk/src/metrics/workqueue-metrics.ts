import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { QueueMetrics } from '../queue/queue-metrics.js';
import { perRegistry } from './per-registry.js';

/** client-go's `ExponentialBuckets(10e-9, 10, 12)`: 10 ns to 1000 s. */
export const WORKQUEUE_DURATION_BUCKETS: readonly number[] = [
  1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000,
];

type QueueLabel = 'name' | 'controller';

/**
 * The work queue metrics of controller-runtime (`pkg/internal/metrics/workqueue.go`): same names, help texts and
 * labels. Both `name` and `controller` carry the controller name; `workqueue_depth` also has `priority`.
 */
export interface WorkqueueMetrics {
  /** `workqueue_depth{name,controller,priority}` */
  readonly depth: Gauge<QueueLabel | 'priority'>;
  /** `workqueue_adds_total{name,controller}` */
  readonly adds: Counter<QueueLabel>;
  /** `workqueue_queue_duration_seconds{name,controller}` */
  readonly queueDuration: Histogram<QueueLabel>;
  /** `workqueue_work_duration_seconds{name,controller}` */
  readonly workDuration: Histogram<QueueLabel>;
  /** `workqueue_unfinished_work_seconds{name,controller}`, computed at scrape time */
  readonly unfinishedWork: Gauge<QueueLabel>;
  /** `workqueue_longest_running_processor_seconds{name,controller}`, computed at scrape time */
  readonly longestRunningProcessor: Gauge<QueueLabel>;
  /** `workqueue_retries_total{name,controller}` */
  readonly retries: Counter<QueueLabel>;
  /**
   * The {@link QueueMetrics} of the queue of controller `name`; its series start at zero. A later queue with the
   * same name (a restarted controller) takes over the in-progress gauges.
   */
  forQueue(name: string): QueueMetrics;
}

/** The work queue metrics registered in `registry` (created on first use, then shared). */
export const workqueueMetrics: (registry: Registry) => WorkqueueMetrics = perRegistry((registry) => {
  const registers = [registry];
  const labelNames = ['name', 'controller'] as const;
  const inProgress = new Map<string, () => number[]>();

  const depth = new Gauge({
    name: 'workqueue_depth',
    help: 'Current depth of workqueue by workqueue and priority',
    labelNames: ['name', 'controller', 'priority'] as const,
    registers,
  });
  const adds = new Counter({
    name: 'workqueue_adds_total',
    help: 'Total number of adds handled by workqueue',
    labelNames,
    registers,
  });
  const queueDuration = new Histogram({
    name: 'workqueue_queue_duration_seconds',
    help: 'How long in seconds an item stays in workqueue before being requested',
    labelNames,
    buckets: [...WORKQUEUE_DURATION_BUCKETS],
    registers,
  });
  const workDuration = new Histogram({
    name: 'workqueue_work_duration_seconds',
    help: 'How long in seconds processing an item from workqueue takes.',
    labelNames,
    buckets: [...WORKQUEUE_DURATION_BUCKETS],
    registers,
  });
  const unfinishedWork: Gauge<QueueLabel> = new Gauge({
    name: 'workqueue_unfinished_work_seconds',
    help:
      "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. " +
      'Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at ' +
      'which this increases.',
    labelNames,
    registers,
    collect() {
      for (const [name, probe] of inProgress) {
        unfinishedWork.set(
          { name, controller: name },
          probe().reduce((sum, age) => sum + age, 0),
        );
      }
    },
  });
  const longestRunningProcessor: Gauge<QueueLabel> = new Gauge({
    name: 'workqueue_longest_running_processor_seconds',
    help: 'How many seconds has the longest running processor for workqueue been running.',
    labelNames,
    registers,
    collect() {
      for (const [name, probe] of inProgress) {
        longestRunningProcessor.set({ name, controller: name }, Math.max(0, ...probe()));
      }
    },
  });
  const retries = new Counter({
    name: 'workqueue_retries_total',
    help: 'Total number of retries handled by workqueue',
    labelNames,
    registers,
  });

  const forQueue = (name: string): QueueMetrics => {
    const labels = { name, controller: name };
    adds.inc(labels, 0);
    retries.inc(labels, 0);
    queueDuration.zero(labels);
    workDuration.zero(labels);
    depth.set({ ...labels, priority: '0' }, 0);
    unfinishedWork.set(labels, 0);
    longestRunningProcessor.set(labels, 0);
    return {
      depthChanged: (priority, delta) => depth.inc({ ...labels, priority: String(priority) }, delta),
      added: () => adds.inc(labels),
      handedOut: (seconds) => queueDuration.observe(labels, seconds),
      finished: (seconds) => workDuration.observe(labels, seconds),
      retried: () => retries.inc(labels),
      trackInProgress: (probe) => {
        inProgress.set(name, probe);
      },
    };
  };

  return {
    depth,
    adds,
    queueDuration,
    workDuration,
    unfinishedWork,
    longestRunningProcessor,
    retries,
    forQueue,
  };
});
