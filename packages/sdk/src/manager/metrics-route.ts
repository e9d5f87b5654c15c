import type { Registry } from 'prom-client';
import type { RouteHandler } from './http-endpoint.js';

/** Serves `registry` on `/metrics` in the Prometheus text format. */
export function metricsRoute(registry: Registry): RouteHandler {
  return async (url, res) => {
    if (url.pathname !== '/metrics') return false;
    const body = await registry.metrics();
    res.writeHead(200, { 'Content-Type': registry.contentType }).end(body);
    return true;
  };
}
