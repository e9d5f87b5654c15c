import {
  builtin,
  CapiLabel,
  type Cluster,
  capiTypes,
  KubeClient,
  type Machine,
  Manager,
  ownerReferenceTo,
  type Secret,
  silentLogger,
} from '@capi-ts/sdk';
import { clusterApiCrdDirectory, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { MicroK8sConfig } from '../../src/api/v1beta1/index.js';
import { microK8sConfigController } from '../../src/controllers/microk8sconfig/index.js';

/** A real API server with the Cluster API and MicroK8s CRDs, and a manager running the MicroK8sConfig controller. */
export interface ControllerHarness {
  env: TestEnvironment;
  manager: Manager;
  /** The test's own client (its writes are not the controller's). */
  client: KubeClient;
  stop(): Promise<void>;
}

export async function startControllerHarness(): Promise<ControllerHarness> {
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
    microK8sConfigController({
      dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
      client: manager.client,
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

/** A Cluster with a control-plane endpoint, as an infrastructure provider would have filled it. */
export async function createCluster(
  client: KubeClient,
  namespace: string,
  name: string,
  paused = false,
): Promise<Cluster> {
  return await client.create(capiTypes.cluster, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { namespace, name },
    spec: {
      controlPlaneEndpoint: { host: `${name}.example.com`, port: 6443 },
      ...(paused ? { paused: true } : {}),
    },
  });
}

/** Sets Cluster status fields (what Cluster API's Cluster controller reports). */
export async function patchClusterStatus(
  client: KubeClient,
  cluster: Cluster,
  initialization: { infrastructureProvisioned?: boolean; controlPlaneInitialized?: boolean },
): Promise<void> {
  await client.mergePatch(
    capiTypes.cluster,
    { namespace: cluster.metadata.namespace as string, name: cluster.metadata.name as string },
    { status: { initialization } },
    { subresource: 'status' },
  );
}

/**
 * A Machine and its MicroK8sConfig, linked as Cluster API links them: the Machine's configRef, and on the config
 * the Machine's owner reference and the cluster-name label.
 */
export async function createMachineWithConfig(
  client: KubeClient,
  cluster: Cluster,
  name: string,
  options: { controlPlane?: boolean; version?: string; spec?: unknown } = {},
): Promise<{ machine: Machine; config: MicroK8sConfig }> {
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
      version: options.version ?? 'v1.30.2',
      bootstrap: { configRef: { apiGroup: MicroK8sConfig.group, kind: MicroK8sConfig.kind, name } },
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine', name },
    },
  });
  const config = await client.create(MicroK8sConfig, {
    apiVersion: MicroK8sConfig.apiVersion,
    kind: MicroK8sConfig.kind,
    metadata: {
      namespace,
      name,
      labels: { [CapiLabel.clusterName]: clusterName },
      ownerReferences: [ownerReferenceTo(machine, { type: capiTypes.machine, controller: true })],
    },
    spec: (options.spec ?? { initConfiguration: {} }) as MicroK8sConfig['spec'],
  });
  return { machine, config };
}

/** Marks a Machine as running with a providerID and an internal address (what the infrastructure reports). */
export async function markMachineRunning(client: KubeClient, machine: Machine, address: string): Promise<void> {
  const key = { namespace: machine.metadata.namespace as string, name: machine.metadata.name as string };
  await client.mergePatch(capiTypes.machine, key, { spec: { providerID: `dev://${key.name}` } });
  await client.mergePatch(
    capiTypes.machine,
    key,
    { status: { phase: 'Running', addresses: [{ type: 'InternalIP', address }] } },
    { subresource: 'status' },
  );
}

/** Decoded data of a Secret. */
export function secretData(secret: Secret): Record<string, string> {
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}

/** The v1beta2 condition of a config, if any. */
export function v1beta2Condition(config: MicroK8sConfig, type: string) {
  return config.status?.v1beta2?.conditions?.find((c) => c.type === type);
}

/** Reads a Secret, or undefined. */
export async function getSecret(client: KubeClient, namespace: string, name: string): Promise<Secret | undefined> {
  return await client.getOptional(builtin.secret, { namespace, name });
}
