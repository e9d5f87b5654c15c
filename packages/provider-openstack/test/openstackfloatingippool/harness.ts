import { type IPAddress, type IPAddressClaim, ipamTypes, type KubeClient } from '@capi-ts/sdk';
import { eventually, type TestEnvironment } from '@capi-ts/sdk/testing';
import { expect } from 'vitest';
import { OpenStackFloatingIPPool } from '../../src/api/v1alpha1/openstack-floating-ip-pool.js';
import { sessionOfIdentityRef } from '../../src/cloud/index.js';
import { openStackFloatingIPPoolController } from '../../src/controllers/openstackfloatingippool/index.js';
import { KeystoneSession } from '../../src/openstack/index.js';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { cloudConfigFor } from '../contract/sessions.js';
import { startOpenStackManagerHarness } from '../openstack-manager-harness.js';

export const namespace = 'default';

/** A real API server with Cluster API's CRDs (IPAM included) and ours, the simulator, and the pool controller. */
export interface PoolHarness {
  readonly env: TestEnvironment;
  readonly client: KubeClient;
  readonly cloud: OpenStackSimulator;
  /** The demo project's session (the one the pools' identityRef names). */
  readonly session: KeystoneSession;
  /** How many reconciles the pool controller finished so far. */
  reconciles(): Promise<number>;
  stop(): Promise<void>;
}

/** Options of {@link startPoolHarness}. */
export interface PoolHarnessOptions {
  /** The controller's `--watch-filter`. */
  readonly watchFilter?: string;
}

export async function startPoolHarness(options: PoolHarnessOptions = {}): Promise<PoolHarness> {
  const cloud = await startOpenStackSimulator({ seed: 11 });
  const harness = await startOpenStackManagerHarness(cloud, (manager, sessions) =>
    manager.add(
      openStackFloatingIPPoolController({
        dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
        client: manager.client,
        sessionFor: sessionOfIdentityRef(sessions),
        ...options,
      }),
    ),
  );
  const { env, client } = harness;
  const session = new KeystoneSession(cloudConfigFor(cloud, 'demo'));
  return {
    env,
    client,
    cloud,
    session,
    reconciles: () => harness.reconciles('openstackfloatingippool'),
    async stop() {
      await harness.stop();
      await session.close();
      await cloud.stop();
    },
  };
}

/** Creates a pool using the demo credentials (fields can be overridden). */
export async function createPool(
  h: PoolHarness,
  name: string,
  spec: Partial<OpenStackFloatingIPPool['spec']> = {},
  metadata: Pick<OpenStackFloatingIPPool['metadata'], 'labels' | 'annotations'> = {},
): Promise<OpenStackFloatingIPPool> {
  return h.client.create(OpenStackFloatingIPPool, {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
    kind: 'OpenStackFloatingIPPool',
    metadata: { namespace, name, ...metadata },
    spec: {
      identityRef: { type: 'Secret', name: 'cloud-config', cloudName: 'openstack' },
      reclaimPolicy: 'Delete',
      ...spec,
    },
  } as OpenStackFloatingIPPool);
}

/** Creates an IPAddressClaim on the pool. */
export async function createClaim(h: PoolHarness, name: string, pool: string): Promise<IPAddressClaim> {
  return h.client.create(ipamTypes.ipAddressClaim, {
    apiVersion: 'ipam.cluster.x-k8s.io/v1beta2',
    kind: 'IPAddressClaim',
    metadata: { namespace, name },
    spec: { poolRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'OpenStackFloatingIPPool', name: pool } },
  });
}

/** Waits until the claim has its address and answers the IPAddress. */
export async function addressOf(h: PoolHarness, claim: string): Promise<IPAddress> {
  return eventually(
    async () => {
      const c = await h.client.get(ipamTypes.ipAddressClaim, { namespace, name: claim });
      expect(c.status?.addressRef?.name).toBe(claim);
      return h.client.get(ipamTypes.ipAddress, { namespace, name: claim });
    },
    { timeoutMs: 45_000 },
  );
}

/** Waits until the pool's status satisfies `check`. */
export async function poolStatus(
  h: PoolHarness,
  name: string,
  check: (pool: OpenStackFloatingIPPool) => void,
): Promise<OpenStackFloatingIPPool> {
  return eventually(
    async () => {
      const pool = await h.client.get(OpenStackFloatingIPPool, { namespace, name });
      check(pool);
      return pool;
    },
    { timeoutMs: 45_000 },
  );
}
