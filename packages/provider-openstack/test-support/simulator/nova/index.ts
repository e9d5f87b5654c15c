import type { VolumeFailurePolicy } from '../cinder/volumes.js';
import { novaErrorBody } from '../errors.js';
import type { MicroversionPolicy } from '../microversion.js';
import { ok, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import type { ServiceDefinition } from '../service.js';
import { inventoryRoutes } from './inventory.js';
import type { ServerFailurePolicy } from './lifecycle.js';
import { serverResourceRoutes } from './server-resources.js';
import { serverRoutes } from './servers.js';

/** Nova's microversion policy: 2.1 up to `max` (2.96 = 2024.1 Caracal by default), with the legacy header. */
export function novaMicroversions(max: string): MicroversionPolicy {
  return { serviceType: 'compute', min: '2.1', max, legacyHeader: 'X-OpenStack-Nova-API-Version' };
}

/** The simulated Nova v2.1, served below `/compute`. */
export function novaService(
  runtime: SimulatorRuntime,
  maxMicroversion: string,
  serverFailures: () => ServerFailurePolicy | undefined,
  volumeFailures: () => VolumeFailurePolicy | undefined,
): ServiceDefinition {
  const policy = novaMicroversions(maxMicroversion);
  const version = () => ({
    id: 'v2.1',
    status: 'CURRENT',
    version: policy.max,
    min_version: policy.min,
    updated: '2013-07-23T11:33:21Z',
    links: [{ rel: 'self', href: `${runtime.serviceUrl('compute')}/v2.1/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
  });
  return {
    name: 'compute',
    prefix: '/compute',
    formatError: novaErrorBody,
    microversions: policy,
    routes: [
      route('GET', '/', () => ok({ versions: [version()] }), { public: true }),
      route('GET', '/v2.1', () => ok({ version: version() }), { public: true }),
      ...serverRoutes(runtime, serverFailures, volumeFailures),
      ...serverResourceRoutes(runtime),
      ...inventoryRoutes(runtime),
    ],
  };
}
