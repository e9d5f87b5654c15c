import { builtin, type Cluster, capiTypes, type KubeClient, type Machine, type Secret } from '@capi-ts/sdk';
import {
  clusterApiCrdDirectory,
  createMachineWithBootstrapConfig,
  type ManagerHarness,
  startManagerHarness,
} from '@capi-ts/sdk/testing';
import { MicroK8sConfig } from '../../src/api/v1beta1/index.js';
import { microK8sConfigController } from '../../src/controllers/microk8sconfig/index.js';

/** A real API server with the Cluster API and MicroK8s CRDs, and a manager running the MicroK8sConfig controller. */
export type ControllerHarness = ManagerHarness;

export async function startControllerHarness(options: { watchFilter?: string } = {}): Promise<ControllerHarness> {
  return startManagerHarness({
    crds: [clusterApiCrdDirectory(), new URL('../../config/crd/bases/', import.meta.url).pathname],
    setup(manager) {
      manager.add(
        microK8sConfigController({
          dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
          client: manager.client,
          watchFilter: options.watchFilter,
        }),
      );
    },
  });
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

/** A Machine and its MicroK8sConfig, linked as Cluster API links them (see createMachineWithBootstrapConfig). */
export async function createMachineWithConfig(
  client: KubeClient,
  cluster: Cluster,
  name: string,
  options: { controlPlane?: boolean; version?: string; spec?: unknown } = {},
): Promise<{ machine: Machine; config: MicroK8sConfig }> {
  return createMachineWithBootstrapConfig(client, cluster, name, {
    configType: MicroK8sConfig,
    controlPlane: options.controlPlane,
    version: options.version ?? 'v1.30.2',
    spec: (options.spec ?? { initConfiguration: {} }) as NonNullable<MicroK8sConfig['spec']>,
  });
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
