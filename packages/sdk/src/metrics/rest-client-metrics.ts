import { Counter, type Registry } from 'prom-client';
import type { KubeClient } from '../client/kube-client.js';
import { perRegistry } from './per-registry.js';

/** `rest_client_requests_total{code,method,host}` as client-go exports it, registered once per registry. */
const requestsTotal = perRegistry(
  (registry) =>
    new Counter({
      name: 'rest_client_requests_total',
      help: 'Number of HTTP requests, partitioned by status code, method, and host.',
      labelNames: ['code', 'method', 'host'] as const,
      registers: [registry],
    }),
);

/**
 * Counts every call `client` makes in `rest_client_requests_total`, so a dashboard shows how often a provider talks
 * to the API server (and that a steady state writes nothing). A call that got no answer is counted with code
 * `<error>`, as client-go does. Returns the unsubscribe function.
 */
export function instrumentClient(client: KubeClient, registry: Registry): () => void {
  const counter = requestsTotal(registry);
  const host = client.transport.server.host;
  return client.observe((method, _path, status) => {
    counter.inc({ code: status === 0 ? '<error>' : String(status), method: method === 'WATCH' ? 'GET' : method, host });
  });
}
