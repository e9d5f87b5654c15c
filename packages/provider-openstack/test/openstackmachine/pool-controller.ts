import { Manager, silentLogger } from '@capi-ts/sdk';
import { cachedCloudSessions } from '../../src/cloud/index.js';
import { openStackFloatingIPPoolController } from '../../src/controllers/openstackfloatingippool/index.js';
import { SessionCache } from '../../src/openstack/index.js';
import type { MachineHarness } from './harness.js';

/** A running OpenStackFloatingIPPool controller (the IPAM provider of floating IPs), in a manager of its own. */
export interface PoolController {
  stop(): Promise<void>;
}

/**
 * Starts the OpenStackFloatingIPPool controller against the harness's API server: until then no IPAM provider
 * serves the claims of the machines' floating IP pools.
 */
export function startPoolController(h: MachineHarness): PoolController {
  const manager = new Manager({
    kubeConfig: h.env.kubeConfig,
    metricsBindAddress: '0',
    healthProbeBindAddress: '0',
    logger: silentLogger(),
  });
  const sessionCache = new SessionCache();
  const sessions = cachedCloudSessions(manager.client, sessionCache);
  manager.add(
    openStackFloatingIPPoolController({
      dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
      client: manager.client,
      sessionFor: async (pool) =>
        (await sessions.forIdentity(pool.metadata.namespace ?? '', pool.spec.identityRef)).session,
    }),
  );
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  return {
    async stop() {
      stop.abort();
      await running.catch(() => undefined);
      await sessionCache.close();
    },
  };
}
