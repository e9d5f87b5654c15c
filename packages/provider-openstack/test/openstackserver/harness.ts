import type { KubeClient } from '@capi-ts/sdk';
import { clusterApiCrdDirectory, startManagerHarness, type TestEnvironment } from '@capi-ts/sdk/testing';
import type { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { openStackServerController } from '../../src/controllers/openstackserver/index.js';
import { KeystoneSession, neutron, nova } from '../../src/openstack/index.js';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { cloudConfigFor } from '../contract/sessions.js';

/** A real API server with Cluster API's CRDs and ours, the simulator, and the OpenStackServer controller. */
export interface ServerHarness {
  readonly env: TestEnvironment;
  readonly client: KubeClient;
  readonly cloud: OpenStackSimulator;
  /** The demo project's session (the one the controller uses). */
  readonly session: KeystoneSession;
  readonly compute: nova.ComputeApi;
  /** A tenant network with one subnet, for the servers' ports. */
  readonly network: { readonly id: string; readonly subnetId: string };
  stop(): Promise<void>;
}

/** Options of {@link startServerHarness}. */
export interface ServerHarnessOptions {
  readonly maxErrorReplacements?: number;
  readonly quotaRetryMs?: number;
  readonly watchFilter?: string;
}

export async function startServerHarness(options: ServerHarnessOptions = {}): Promise<ServerHarness> {
  const cloud = await startOpenStackSimulator({ seed: 7 });
  const session = new KeystoneSession(cloudConfigFor(cloud, 'demo'));
  const compute = await nova.connectCompute(session);
  const net = await neutron.createNetwork(session, { name: 'machines' });
  const subnet = await neutron.createSubnet(session, {
    network_id: net.id,
    name: 'machines',
    cidr: '10.6.0.0/24',
    ip_version: 4,
  });
  const { env, client, stop } = await startManagerHarness({
    crds: [clusterApiCrdDirectory(), new URL('../../config/crd/bases/', import.meta.url).pathname],
    setup(manager) {
      manager.add(
        openStackServerController({
          dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
          client: manager.client,
          sessionFor: async () => session,
          ...options,
        }),
      );
    },
  });
  return {
    env,
    client,
    cloud,
    session,
    compute,
    network: { id: net.id, subnetId: subnet.id },
    async stop() {
      await stop();
      await neutron.deleteSubnet(session, subnet.id).catch(() => undefined);
      await neutron.deleteNetwork(session, net.id).catch(() => undefined);
      await cloud.stop();
    },
  };
}

/** A minimal OpenStackServer on the harness network (fields can be overridden). */
export function serverObject(
  harness: ServerHarness,
  namespace: string,
  name: string,
  spec: Partial<OpenStackServer['spec']> = {},
): OpenStackServer {
  return {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
    kind: 'OpenStackServer',
    metadata: { namespace, name },
    spec: {
      flavor: 'm1.small',
      image: { filter: { name: 'ubuntu-2404-kube-v1.35.0' } },
      identityRef: { name: 'cloud-config', cloudName: 'openstack' },
      sshKeyName: '',
      ports: [{ network: { id: harness.network.id } }],
      ...spec,
    },
  } as OpenStackServer;
}
