import {
  builtin,
  CapiLabel,
  type Cluster,
  capiTypes,
  encodeSecretValue,
  type KubeClient,
  type Machine,
  type Secret,
} from '@capi-ts/sdk';
import {
  clusterApiCrdDirectory,
  createMachineWithBootstrapConfig,
  type ManagerHarness,
  startManagerHarness,
} from '@capi-ts/sdk/testing';
import { KubeadmConfig } from '../../src/api/v1beta2/index.js';
import { type KubeadmConfigSettings, kubeadmConfigController } from '../../src/controllers/kubeadmconfig/index.js';

/**
 * A real API server with the Cluster API and kubeadm CRDs and a manager running the KubeadmConfig controller.
 * Workload clusters are the same API server: `<cluster>-kubeconfig` points at it, so bootstrap tokens land in its
 * `kube-system`.
 */
export type ControllerHarness = ManagerHarness;

export async function startControllerHarness(
  settings: Partial<KubeadmConfigSettings> = {},
): Promise<ControllerHarness> {
  return startManagerHarness({
    crds: [clusterApiCrdDirectory(), new URL('../../config/crd/bases/', import.meta.url).pathname],
    setup(manager) {
      manager.add(
        kubeadmConfigController({
          dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
          client: manager.client,
          settings,
        }),
      );
    },
  });
}

/** A Cluster with an endpoint and network, and its `<name>-kubeconfig` pointing at the test API server. */
export async function createCluster(
  h: ControllerHarness,
  namespace: string,
  name: string,
  options: { paused?: boolean; kubeconfig?: boolean } = {},
): Promise<Cluster> {
  const cluster = await h.client.create(capiTypes.cluster, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { namespace, name },
    spec: {
      controlPlaneEndpoint: { host: `${name}.example.com`, port: 6443 },
      clusterNetwork: {
        services: { cidrBlocks: ['10.96.0.0/12'] },
        pods: { cidrBlocks: ['192.168.0.0/16'] },
        serviceDomain: 'cluster.local',
      },
      ...(options.paused ? { paused: true } : {}),
    },
  });
  if (options.kubeconfig !== false) {
    await h.client.create(builtin.secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { namespace, name: `${name}-kubeconfig`, labels: { [CapiLabel.clusterName]: name } },
      type: 'cluster.x-k8s.io/secret',
      data: { value: encodeSecretValue(h.env.kubeconfigYaml) },
    });
  }
  return cluster;
}

/** Sets Cluster status as Cluster API's Cluster controller reports it (v1beta2 fields and condition). */
export async function patchClusterStatus(
  client: KubeClient,
  cluster: Cluster,
  state: { infrastructureProvisioned?: boolean; controlPlaneInitialized?: boolean },
): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const conditions =
    state.controlPlaneInitialized === undefined
      ? undefined
      : [
          {
            type: 'ControlPlaneInitialized',
            status: state.controlPlaneInitialized ? 'True' : 'False',
            reason: state.controlPlaneInitialized ? 'Initialized' : 'NotInitialized',
            message: '',
            lastTransitionTime: now,
          },
        ];
  await client.mergePatch(
    capiTypes.cluster,
    { namespace: cluster.metadata.namespace as string, name: cluster.metadata.name as string },
    { status: { initialization: state, ...(conditions ? { conditions } : {}) } },
    { subresource: 'status' },
  );
}

/** A Machine and its KubeadmConfig, linked as Cluster API links them (see createMachineWithBootstrapConfig). */
export async function createMachineWithConfig(
  client: KubeClient,
  cluster: Cluster,
  name: string,
  options: { controlPlane?: boolean; version?: string; spec?: KubeadmConfig['spec'] } = {},
): Promise<{ machine: Machine; config: KubeadmConfig }> {
  return createMachineWithBootstrapConfig(client, cluster, name, {
    configType: KubeadmConfig,
    controlPlane: options.controlPlane,
    version: options.version ?? 'v1.31.2',
    spec: options.spec ?? { joinConfiguration: { nodeRegistration: { name: '{{ ds.meta_data.local_hostname }}' } } },
  });
}

/** Decoded data of a Secret. */
export function secretData(secret: Secret): Record<string, string> {
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}

/** The v1beta2 condition of a config, if any. */
export function condition(config: KubeadmConfig, type: string) {
  return config.status?.conditions?.find((c) => c.type === type);
}

/** The v1beta1 condition of a config (`status.deprecated.v1beta1.conditions`), if any. */
export function v1beta1Condition(config: KubeadmConfig, type: string) {
  return config.status?.deprecated?.v1beta1?.conditions?.find((c) => c.type === type);
}
