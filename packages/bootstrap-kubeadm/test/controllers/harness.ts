import {
  builtin,
  CapiLabel,
  type Cluster,
  capiTypes,
  encodeSecretValue,
  KubeClient,
  type Machine,
  Manager,
  ownerReferenceTo,
  type Secret,
  silentLogger,
} from '@capi-ts/sdk';
import { clusterApiCrdDirectory, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { KubeadmConfig } from '../../src/api/v1beta2/index.js';
import { type KubeadmConfigSettings, kubeadmConfigController } from '../../src/controllers/kubeadmconfig/index.js';

/**
 * A real API server with the Cluster API and kubeadm CRDs and a manager running the KubeadmConfig controller.
 * Workload clusters are the same API server: `<cluster>-kubeconfig` points at it, so bootstrap tokens land in its
 * `kube-system`.
 */
export interface ControllerHarness {
  env: TestEnvironment;
  manager: Manager;
  /** The test's own client (its writes are not the controller's). */
  client: KubeClient;
  stop(): Promise<void>;
}

export async function startControllerHarness(
  settings: Partial<KubeadmConfigSettings> = {},
): Promise<ControllerHarness> {
  const env = await startTestEnvironment({
    crds: [clusterApiCrdDirectory(), new URL('../../config/crd/bases/', import.meta.url).pathname],
  });
  const manager = new Manager({
    kubeConfig: env.kubeConfig,
    metricsBindAddress: '0',
    healthProbeBindAddress: '0',
    logger: silentLogger(),
  });
  manager.add(
    kubeadmConfigController({
      dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
      client: manager.client,
      settings,
    }),
  );
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  return {
    env,
    manager,
    client: new KubeClient(env.kubeConfig),
    async stop() {
      stop.abort();
      await running.catch(() => undefined);
      await env.stop();
    },
  };
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

/**
 * A Machine and its KubeadmConfig, linked as Cluster API links them: the Machine's configRef, and on the config
 * the Machine's controller reference and the cluster-name label.
 */
export async function createMachineWithConfig(
  client: KubeClient,
  cluster: Cluster,
  name: string,
  options: { controlPlane?: boolean; version?: string; spec?: KubeadmConfig['spec'] } = {},
): Promise<{ machine: Machine; config: KubeadmConfig }> {
  const namespace = cluster.metadata.namespace as string;
  const clusterName = cluster.metadata.name as string;
  const labels: Record<string, string> = { [CapiLabel.clusterName]: clusterName };
  if (options.controlPlane) labels[CapiLabel.controlPlane] = '';
  const machine = await client.create(capiTypes.machine, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { namespace, name, labels },
    spec: {
      clusterName,
      version: options.version ?? 'v1.31.2',
      bootstrap: { configRef: { apiGroup: KubeadmConfig.group, kind: KubeadmConfig.kind, name } },
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine', name },
    },
  });
  const config = await client.create(KubeadmConfig, {
    apiVersion: KubeadmConfig.apiVersion,
    kind: KubeadmConfig.kind,
    metadata: {
      namespace,
      name,
      labels: { [CapiLabel.clusterName]: clusterName },
      ownerReferences: [ownerReferenceTo(machine, { type: capiTypes.machine, controller: true })],
    },
    spec: options.spec ?? { joinConfiguration: { nodeRegistration: { name: '{{ ds.meta_data.local_hostname }}' } } },
  });
  return { machine, config };
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
