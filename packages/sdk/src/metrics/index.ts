export type { Registry } from 'prom-client';
export {
  type ControllerMetrics,
  controllerMetrics,
  RECONCILE_TIME_BUCKETS,
  type ReconcileResultLabel,
} from './controller-metrics.js';
export { createMetricsRegistry, type MetricsRegistryOptions } from './registry.js';
export { instrumentClient } from './rest-client-metrics.js';
export { WORKQUEUE_DURATION_BUCKETS, type WorkqueueMetrics, workqueueMetrics } from './workqueue-metrics.js';
