import { neutronErrorBody } from '../errors.js';
import { ok, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import type { ServiceDefinition } from '../service.js';
import { extensionRoutes } from './extensions.js';
import { floatingIpRoutes } from './floating-ips.js';
import { networkRoutes } from './networks.js';
import { portRoutes } from './ports.js';
import { neutronQuotaRoutes } from './quotas.js';
import { routerRoutes } from './routers.js';
import { securityGroupRoutes } from './security-groups.js';
import { subnetRoutes } from './subnets.js';
import { tagRoutes } from './tags.js';
import { trunkRoutes } from './trunks.js';

/** The simulated Neutron (network v2.0), served below `/network`. */
export function neutronService(runtime: SimulatorRuntime, extensions: readonly string[]): ServiceDefinition {
  const versionDocument = () => ({
    versions: [
      {
        id: 'v2.0',
        status: 'CURRENT',
        links: [{ rel: 'self', href: `${runtime.serviceUrl('network')}/v2.0/` }],
      },
    ],
  });
  return {
    name: 'network',
    prefix: '/network',
    formatError: neutronErrorBody,
    routes: [
      route('GET', '/', () => ok(versionDocument()), { public: true }),
      route('GET', '/v2.0', () =>
        ok({
          resources: ['networks', 'subnets', 'ports', 'routers', 'floatingips', 'security-groups', 'trunks'].map(
            (name) => ({
              name,
              collection: name,
              links: [{ rel: 'self', href: `${runtime.serviceUrl('network')}/v2.0/${name}` }],
            }),
          ),
        }),
      ),
      ...extensionRoutes(extensions),
      ...networkRoutes(runtime),
      ...subnetRoutes(runtime),
      ...portRoutes(runtime),
      ...routerRoutes(runtime),
      ...securityGroupRoutes(runtime),
      ...floatingIpRoutes(runtime),
      ...(extensions.includes('trunk') ? trunkRoutes(runtime) : []),
      ...neutronQuotaRoutes(runtime),
      ...tagRoutes(runtime),
    ],
  };
}
