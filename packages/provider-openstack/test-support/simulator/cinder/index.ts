import { cinderErrorBody } from '../errors.js';
import { isAdmin } from '../identity-state.js';
import { ok, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import type { ServiceDefinition } from '../service.js';
import { type VolumeFailurePolicy, volumeRoutes, volumeUsage } from './volumes.js';

/** Cinder's microversion range (Antelope/2023.1 tops out at 3.70). */
export const cinderMicroversions = { serviceType: 'volume', min: '3.0', max: '3.70' } as const;

/** The simulated Cinder v3 (volumes, types, availability zones, quotas), served below `/volume`. */
export function cinderService(
  runtime: SimulatorRuntime,
  failurePolicy: () => VolumeFailurePolicy | undefined,
): ServiceDefinition {
  const version = () => ({
    id: 'v3.0',
    status: 'CURRENT',
    version: cinderMicroversions.max,
    min_version: cinderMicroversions.min,
    updated: '2023-03-08T00:00:00Z',
    links: [{ rel: 'self', href: `${runtime.serviceUrl('volume')}/v3/` }],
  });
  return {
    name: 'volume',
    prefix: '/volume',
    formatError: cinderErrorBody,
    microversions: cinderMicroversions,
    routes: [
      route('GET', '/', () => ({ status: 300, body: { versions: [version()] } }), { public: true }),
      route('GET', '/v3', () => ok({ versions: [version()] }), { public: true }),
      ...volumeRoutes(runtime, failurePolicy),
      route('GET', '/v3/{project}/types', () =>
        ok({
          volume_types: [...runtime.state.volume.types.values()].map((type) => ({
            ...type,
            is_public: true,
            'os-volume-type-access:is_public': true,
            qos_specs_id: null,
          })),
        }),
      ),
      route('GET', '/v3/{project}/os-availability-zone', () =>
        ok({
          availabilityZoneInfo: runtime.state.volume.availabilityZones.map((zoneName) => ({
            zoneName,
            zoneState: { available: true },
          })),
        }),
      ),
      route('GET', '/v3/{project}/os-quota-sets/{target}', (context) => {
        const target = context.params.target!;
        const limits = runtime.quotas.limitsOf(target, 'volume');
        if (context.query.get('usage') === 'true' && (isAdmin(context.token) || context.token?.projectId === target)) {
          const used = volumeUsage(runtime, target);
          const detailed = Object.fromEntries(
            Object.entries(limits).map(([key, limit]) => [
              key,
              { limit, in_use: used[key] ?? 0, reserved: 0, allocated: 0 },
            ]),
          );
          return ok({ quota_set: { id: target, ...detailed } });
        }
        return ok({ quota_set: { id: target, ...limits } });
      }),
    ],
  };
}
