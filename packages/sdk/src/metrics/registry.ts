import { collectDefaultMetrics, Registry } from 'prom-client';

/** Options of {@link createMetricsRegistry}. */
export interface MetricsRegistryOptions {
  /** Also collect Node.js process metrics (CPU, memory, event loop, GC), as controller-runtime does for Go. Default true. */
  processMetrics?: boolean;
}

/**
 * A new Prometheus registry for one manager. The SDK never uses prom-client's global default registry, so that
 * several managers can live in one process; every metric definition in this module takes the registry it
 * registers into.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
