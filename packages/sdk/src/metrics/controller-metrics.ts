import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { perRegistry } from './per-registry.js';

/** The `result` label of `controller_runtime_reconcile_total`. */
export type ReconcileResultLabel = 'success' | 'error' | 'requeue' | 'requeue_after';

const RESULTS: readonly ReconcileResultLabel[] = ['success', 'error', 'requeue', 'requeue_after'];

/** controller-runtime's buckets for `controller_runtime_reconcile_time_seconds`, in seconds. */
export const RECONCILE_TIME_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75,
  2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];

/**
 * The reconcile metrics of controller-runtime (`pkg/internal/controller/metrics`), with the same names, help
 * texts and labels, so that existing dashboards and alerts work unchanged.
 */
export interface ControllerMetrics {
  /** `controller_runtime_reconcile_total{controller,result}` */
  readonly reconcileTotal: Counter<'controller' | 'result'>;
  /** `controller_runtime_reconcile_errors_total{controller}` */
  readonly reconcileErrors: Counter<'controller'>;
  /** `controller_runtime_terminal_reconcile_errors_total{controller}` */
  readonly terminalReconcileErrors: Counter<'controller'>;
  /** `controller_runtime_reconcile_panics_total{controller}` */
  readonly reconcilePanics: Counter<'controller'>;
  /** `controller_runtime_reconcile_time_seconds{controller}` */
  readonly reconcileTime: Histogram<'controller'>;
  /** `controller_runtime_max_concurrent_reconciles{controller}` */
  readonly maxConcurrentReconciles: Gauge<'controller'>;
  /** `controller_runtime_active_workers{controller}` */
  readonly activeWorkers: Gauge<'controller'>;
  /** Creates every series of one controller at zero (as controller-runtime does when a controller starts). */
  initialize(controller: string, maxConcurrentReconciles: number): void;
}

/** The controller metrics registered in `registry` (created on first use, then shared). */
export const controllerMetrics: (registry: Registry) => ControllerMetrics = perRegistry((registry) => {
  const registers = [registry];
  const metrics = {
    reconcileTotal: new Counter({
      name: 'controller_runtime_reconcile_total',
      help: 'Total number of reconciliations per controller',
      labelNames: ['controller', 'result'] as const,
      registers,
    }),
    reconcileErrors: new Counter({
      name: 'controller_runtime_reconcile_errors_total',
      help: 'Total number of reconciliation errors per controller',
      labelNames: ['controller'] as const,
      registers,
    }),
    terminalReconcileErrors: new Counter({
      name: 'controller_runtime_terminal_reconcile_errors_total',
      help: 'Total number of terminal reconciliation errors per controller',
      labelNames: ['controller'] as const,
      registers,
    }),
    reconcilePanics: new Counter({
      name: 'controller_runtime_reconcile_panics_total',
      help: 'Total number of reconciliation panics per controller',
      labelNames: ['controller'] as const,
      registers,
    }),
    reconcileTime: new Histogram({
      name: 'controller_runtime_reconcile_time_seconds',
      help: 'Length of time per reconciliation per controller',
      labelNames: ['controller'] as const,
      buckets: [...RECONCILE_TIME_BUCKETS],
      registers,
    }),
    maxConcurrentReconciles: new Gauge({
      name: 'controller_runtime_max_concurrent_reconciles',
      help: 'Maximum number of concurrent reconciles per controller',
      labelNames: ['controller'] as const,
      registers,
    }),
    activeWorkers: new Gauge({
      name: 'controller_runtime_active_workers',
      help: 'Number of currently used workers per controller',
      labelNames: ['controller'] as const,
      registers,
    }),
  };
  return {
    ...metrics,
    initialize(controller: string, maxConcurrentReconciles: number) {
      for (const result of RESULTS) metrics.reconcileTotal.inc({ controller, result }, 0);
      metrics.reconcileErrors.inc({ controller }, 0);
      metrics.terminalReconcileErrors.inc({ controller }, 0);
      metrics.reconcilePanics.inc({ controller }, 0);
      metrics.reconcileTime.zero({ controller });
      metrics.maxConcurrentReconciles.set({ controller }, maxConcurrentReconciles);
      metrics.activeWorkers.set({ controller }, 0);
    },
  };
});
