import { MicroK8sConfig } from '@capi-ts/bootstrap-microk8s';
import {
  builtin,
  CapiLabel,
  type Cluster,
  ClusterCache,
  capiTypes,
  createLogger,
  defineCustomResourceDefinition,
  defineResource,
  type FailureDomain,
  KubeClient,
  type Machine,
  Manager,
  ownerReferenceTo,
  preserveUnknownFields,
  silentLogger,
} from '@capi-ts/sdk';
import { clusterApiCrdDirectory, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { KubeConfig } from '@kubernetes/client-node';
import { z } from 'zod';
import { MicroK8sControlPlane } from '../../src/api/v1beta1/index.js';
import type { ClusterAgent, DqliteRemoveRequest } from '../../src/controllers/microk8scontrolplane/cluster-agent.js';
import { microK8sControlPlaneController } from '../../src/controllers/microk8scontrolplane/index.js';

/** A stand-in infrastructure provider's machine template and machine (no controller runs for them). */
export const DevMachineTemplate = defineResource({
  group: 'infrastructure.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'DevMachineTemplate',
  plural: 'devmachinetemplates',
  scope: 'Namespaced',
  spec: preserveUnknownFields(),
});
export const DevMachine = defineResource({
  group: 'infrastructure.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'DevMachine',
  plural: 'devmachines',
  scope: 'Namespaced',
  spec: preserveUnknownFields(),
  status: z.object({}).loose(),
});
const contract = { v1beta1: ['v1beta1'], v1beta2: ['v1beta1'] };

/**
 * Two real API servers: the management cluster (Cluster API, CABPM-compatible and our CRDs, the controller
 * running) and the workload cluster the generated kubeconfig points at. The cluster agent is recorded, not called.
 */
export interface ControlPlaneHarness {
  management: TestEnvironment;
  workload: TestEnvironment;
  /** The test's own clients. */
  client: KubeClient;
  workloadClient: KubeClient;
  dqliteRemovals: DqliteRemoveRequest[];
  stop(): Promise<void>;
}

export async function startHarness(): Promise<ControlPlaneHarness> {
  const bootstrapCrds = new URL('../../node_modules/@capi-ts/bootstrap-microk8s/config/crd/bases/', import.meta.url)
    .pathname;
  const [management, workload] = await Promise.all([
    startTestEnvironment({
      crds: [
        clusterApiCrdDirectory(),
        bootstrapCrds,
        new URL('../../config/crd/bases/', import.meta.url).pathname,
        defineCustomResourceDefinition({ versions: [DevMachineTemplate], contract }),
        defineCustomResourceDefinition({ versions: [DevMachine], contract }),
      ],
    }),
    startTestEnvironment(),
  ]);
  const manager = new Manager({
    kubeConfig: management.kubeConfig,
    metricsBindAddress: '0',
    healthProbeBindAddress: '0',
    logger: process.env.CPM_TEST_LOG ? createLogger() : silentLogger(),
  });
  const dqliteRemovals: DqliteRemoveRequest[] = [];
  const agent: ClusterAgent = {
    async removeFromDqlite(request) {
      dqliteRemovals.push(request);
    },
  };
  const clusterCache = new ClusterCache({ cache: manager.cache });
  manager.add(clusterCache);
  manager.add(
    microK8sControlPlaneController({
      dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
      client: manager.client,
      clusterCache,
      clusterAgent: () => agent,
    }),
  );
  const abort = new AbortController();
  const running = manager.start(abort.signal);
  return {
    management,
    workload,
    client: new KubeClient(management.kubeConfig),
    workloadClient: new KubeClient(workload.kubeConfig),
    dqliteRemovals,
    async stop() {
      abort.abort();
      await running.catch(() => undefined);
      await Promise.all([management.stop(), workload.stop()]);
    },
  };
}

/** The `<cluster>-ca` Secret (CABPM keys) holding the workload API server's CA, as the bootstrap provider writes it. */
export async function createClusterCa(h: ControlPlaneHarness, namespace: string, clusterName: string): Promise<void> {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  await h.client.create(builtin.secret, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace, name: `${clusterName}-ca`, labels: { [CapiLabel.clusterName]: clusterName } },
    type: 'cluster.x-k8s.io/secret',
    data: { crt: b64(h.workload.ca.cert), key: b64(h.workload.ca.key) },
  });
  await h.client.create(builtin.secret, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace, name: `${clusterName}-capi-auth-token`, labels: { [CapiLabel.clusterName]: clusterName } },
    data: { token: b64('agent-token') },
  });
}

/** A provisioned Cluster whose endpoint is the workload API server, with failure domains, and its control plane. */
export async function createClusterWithControlPlane(
  h: ControlPlaneHarness,
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  failureDomains: FailureDomain[] = [],
): Promise<{ cluster: Cluster; controlPlane: MicroK8sControlPlane }> {
  await h.client.create(DevMachineTemplate, {
    apiVersion: DevMachineTemplate.apiVersion,
    kind: DevMachineTemplate.kind,
    metadata: { namespace, name },
    spec: { template: { spec: { flavor: 'large' } } },
  } as never);
  const endpoint = new URL(h.workload.server);
  const cluster = await h.client.create(capiTypes.cluster, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { namespace, name },
    spec: {
      controlPlaneEndpoint: { host: endpoint.hostname, port: Number(endpoint.port) },
      controlPlaneRef: { apiGroup: MicroK8sControlPlane.group, kind: MicroK8sControlPlane.kind, name },
    },
  });
  await h.client.mergePatch(
    capiTypes.cluster,
    { namespace, name },
    {
      status: {
        initialization: { infrastructureProvisioned: true },
        ...(failureDomains.length > 0 ? { failureDomains } : {}),
      },
    },
    { subresource: 'status' },
  );
  const controlPlane = await h.client.create(MicroK8sControlPlane, {
    apiVersion: MicroK8sControlPlane.apiVersion,
    kind: MicroK8sControlPlane.kind,
    metadata: {
      namespace,
      name,
      ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })],
    },
    spec: {
      version: 'v1.30.1',
      machineTemplate: {
        infrastructureTemplate: { apiVersion: DevMachineTemplate.apiVersion, kind: DevMachineTemplate.kind, name },
      },
      ...spec,
    },
  } as MicroK8sControlPlane);
  return { cluster, controlPlane };
}

/** The control-plane Machines of a cluster, oldest first. */
export async function machinesOf(h: ControlPlaneHarness, namespace: string, clusterName: string): Promise<Machine[]> {
  const list = await h.client.list(capiTypes.machine, {
    namespace,
    labelSelector: `${CapiLabel.clusterName}=${clusterName},${CapiLabel.controlPlane}`,
  });
  return list.items.sort((a, b) =>
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
  );
}

/**
 * Plays the infrastructure provider, Cluster API and the kubelet for a Machine: a providerID and an address on
 * the Machine, a Ready MicroK8s control-plane Node with that address (and the kubelet version) in the workload
 * cluster, and the Machine's nodeRef and Ready condition.
 */
export async function bootMachine(h: ControlPlaneHarness, machine: Machine, address: string): Promise<void> {
  const key = { namespace: machine.metadata.namespace as string, name: machine.metadata.name as string };
  await h.client.mergePatch(capiTypes.machine, key, { spec: { providerID: `dev://${key.name}` } });
  await h.client.mergePatch(
    capiTypes.machine,
    key,
    {
      status: {
        addresses: [{ type: 'InternalIP', address }],
        nodeRef: { name: key.name },
        conditions: [
          { type: 'Ready', status: 'True', reason: 'Ready', message: '', lastTransitionTime: new Date().toISOString() },
        ],
      },
    },
    { subresource: 'status' },
  );
  await h.workloadClient.create(builtin.node, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: key.name, labels: { 'node.kubernetes.io/microk8s-controlplane': 'microk8s-controlplane' } },
  });
  await setNodeStatus(h, key.name, address, machine.spec.version as string);
}

/** Sets a Node Ready with an address and a kubelet version (what the kubelet reports). */
export async function setNodeStatus(h: ControlPlaneHarness, name: string, address: string, kubelet: string) {
  const now = new Date().toISOString();
  await h.workloadClient.mergePatch(
    builtin.node,
    name,
    {
      status: {
        addresses: [{ type: 'InternalIP', address }],
        conditions: [
          { type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: now, lastTransitionTime: now },
        ],
        nodeInfo: nodeInfo(kubelet),
      },
    },
    { subresource: 'status' },
  );
}

/** Sets only the Node's Ready condition (the kubelet losing or regaining health). */
export async function setNodeReady(h: ControlPlaneHarness, name: string, status: 'True' | 'False') {
  const node = await h.workloadClient.get(builtin.node, { name });
  const now = new Date().toISOString();
  const conditions = [
    {
      type: 'Ready',
      status,
      reason: status === 'True' ? 'KubeletReady' : 'KubeletNotReady',
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    },
  ];
  await h.workloadClient.mergePatch(builtin.node, name, { status: { conditions } }, { subresource: 'status' });
  return node;
}

function nodeInfo(kubeletVersion: string) {
  const empty = '';
  return {
    kubeletVersion,
    machineID: empty,
    systemUUID: empty,
    bootID: empty,
    kernelVersion: empty,
    osImage: empty,
    containerRuntimeVersion: empty,
    kubeProxyVersion: empty,
    operatingSystem: 'linux',
    architecture: 'amd64',
  };
}

/** A client of the workload cluster made from the `<cluster>-kubeconfig` Secret the controller wrote. */
export async function clientFromKubeconfigSecret(h: ControlPlaneHarness, namespace: string, clusterName: string) {
  const secret = await h.client.get(builtin.secret, { namespace, name: `${clusterName}-kubeconfig` });
  const config = new KubeConfig();
  config.loadFromString(Buffer.from(secret.data?.value ?? '', 'base64').toString('utf8'));
  return { secret, client: new KubeClient(config) };
}

export { MicroK8sConfig };
