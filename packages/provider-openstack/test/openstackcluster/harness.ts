import { type Cluster, capiTypes, type KubeClient, ownerReferenceTo } from '@capi-ts/sdk';
import type { TestEnvironment } from '@capi-ts/sdk/testing';
import type { OpenStackClusterSpec } from '../../src/api/v1beta1/cluster-spec.js';
import { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { sessionOfIdentityRef } from '../../src/cloud/index.js';
import { openStackClusterController } from '../../src/controllers/openstackcluster/index.js';
import { openStackServerController } from '../../src/controllers/openstackserver/index.js';
import { cloudFromEntry, KeystoneSession, type OpenStackSession } from '../../src/openstack/index.js';
import {
  type OpenStackSimulator,
  type OpenStackSimulatorOptions,
  startOpenStackSimulator,
} from '../../test-support/index.js';
import { startOpenStackManagerHarness } from '../openstack-manager-harness.js';

/** A real API server with Cluster API's CRDs and ours, the simulator, and a manager running the OpenStackCluster and OpenStackServer controllers. */
export interface ClusterHarness {
  env: TestEnvironment;
  cloud: OpenStackSimulator;
  /** The test's own client (standing in for users and Cluster API's core controllers). */
  client: KubeClient;
  /** A session of the demo project, for arranging and checking the cloud. */
  demo: OpenStackSession;
  /** How many reconciles the OpenStackCluster controller finished so far. */
  clusterReconciles(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the harness; `simulator` options override the defaults (seed 7). */
export async function startClusterHarness(simulator: OpenStackSimulatorOptions = {}): Promise<ClusterHarness> {
  const cloud = await startOpenStackSimulator({ seed: 7, ...simulator });
  const harness = await startOpenStackManagerHarness(cloud, (manager, sessions) => {
    manager.add(openStackClusterController({ manager, sessions }));
    // The bastion is an OpenStackServer.
    manager.add(
      openStackServerController({
        dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
        client: manager.client,
        sessionFor: sessionOfIdentityRef(sessions),
      }),
    );
  });
  const { env, client } = harness;
  const demoCloud = cloudFromEntry('demo', {
    auth: {
      auth_url: cloud.authUrl,
      username: cloud.demo.username,
      password: cloud.demo.password,
      project_name: cloud.demo.projectName,
      user_domain_name: cloud.demo.userDomainName,
      project_domain_name: cloud.demo.projectDomainName,
    },
  });
  const demo = new KeystoneSession(demoCloud);
  return {
    env,
    cloud,
    client,
    demo,
    clusterReconciles: () => harness.reconciles('openstackcluster'),
    async stop() {
      await harness.stop();
      await demo.close();
      await cloud.stop();
    },
  };
}

/** A Cluster whose infrastructure is an OpenStackCluster with `spec`, owned by it as the Cluster controller sets it up. */
export async function createClusterWithOpenStackCluster(
  client: KubeClient,
  name: string,
  spec: Omit<OpenStackClusterSpec, 'identityRef'> & Partial<Pick<OpenStackClusterSpec, 'identityRef'>>,
  options: { paused?: boolean } = {},
): Promise<{ cluster: Cluster; openStackCluster: OpenStackCluster }> {
  const namespace = 'default';
  const cluster = await client.create(capiTypes.cluster, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { namespace, name },
    spec: {
      infrastructureRef: { apiGroup: OpenStackCluster.group, kind: OpenStackCluster.kind, name },
      ...(options.paused ? { paused: true } : {}),
    },
  });
  const openStackCluster = await client.create(OpenStackCluster, {
    apiVersion: OpenStackCluster.apiVersion,
    kind: OpenStackCluster.kind,
    metadata: {
      namespace,
      name,
      labels: { 'cluster.x-k8s.io/cluster-name': name },
      ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })],
    },
    spec: { identityRef: { type: 'Secret', name: 'cloud-config', cloudName: 'openstack' }, ...spec },
  } as OpenStackCluster);
  return { cluster, openStackCluster };
}

/** Deletes the Cluster's OpenStackCluster (the Cluster controller would do this) and the Cluster. */
export async function deleteCluster(client: KubeClient, name: string): Promise<void> {
  await client.delete(OpenStackCluster, { namespace: 'default', name });
  await client.delete(capiTypes.cluster, { namespace: 'default', name });
}

/** The v1beta1 condition of `type`. */
export function condition(object: OpenStackCluster, type: string) {
  return object.status?.conditions?.find((c) => c.type === type);
}
