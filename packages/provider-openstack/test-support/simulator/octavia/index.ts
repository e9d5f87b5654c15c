import { octaviaErrorBody } from '../errors.js';
import { ok, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import type { ServiceDefinition } from '../service.js';
import { childRoutes } from './children.js';
import { lbaasRoutes } from './common.js';
import { type LoadBalancerFailurePolicy, loadBalancerRoutes } from './loadbalancers.js';

/** The simulated Octavia v2, served below `/load-balancer`; `latestMinor` is the last API version listed (v2.<n>). */
export function octaviaService(
  runtime: SimulatorRuntime,
  latestMinor: number,
  failures: () => LoadBalancerFailurePolicy | undefined,
): ServiceDefinition {
  const state = runtime.state.loadBalancer;
  const versions = () =>
    Array.from({ length: latestMinor + 1 }, (_, minor) => ({
      id: `v2.${minor}`,
      status: minor === latestMinor ? 'CURRENT' : 'SUPPORTED',
      updated: '2023-03-08T00:00:00Z',
      links: [{ rel: 'self', href: `${runtime.serviceUrl('load-balancer')}/v2` }],
    }));
  return {
    name: 'load-balancer',
    prefix: '/load-balancer',
    formatError: octaviaErrorBody,
    routes: [
      route('GET', '/', () => ok({ versions: versions() }), { public: true }),
      ...lbaasRoutes('GET', '/providers', () =>
        ok({ providers: [...state.providers].map(([name, description]) => ({ name, description })) }),
      ),
      ...lbaasRoutes('GET', '/flavors', () => ok({ flavors: [...state.flavors.values()], flavors_links: [] })),
      ...loadBalancerRoutes(runtime, failures),
      ...childRoutes(runtime),
    ],
  };
}
