import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '@capi-ts/sdk';
import { eventually, resolveCapiBinaries } from '@capi-ts/sdk/testing';
import { machineImageFiles } from '../../packages/bootstrap-microk8s/test/execution/machine-image.js';
import { tenantControlPlaneCrd } from '../../packages/controlplane-kamaji/test/support/kamaji-crds.js';
import { defaultIncusSocketPath } from '../../packages/provider-incus/src/incus/connection.js';
import type { IncusClient } from '../../packages/provider-incus/src/incus/index.js';
import { deleteInstance, ensureCloudImage } from '../../packages/provider-incus/test-support/index.js';
import { type CapiManagementPlane, initManagementPlane } from './capi-management-plane.js';
import { readYamlObjects } from './components.js';
import type { LocalManager } from './local-manager.js';
import { REPOSITORY_ROOT } from './workspace.js';

/**
 * The e2e's own flavor: Incus infrastructure with a MicroK8s control plane and MicroK8s workers. No release ships
 * that combination (the Incus release carries CAPN's kubeadm flavors), so it lives in `e2e/templates`.
 */
export const INCUS_MICROK8S_TEMPLATE = path.join(
  REPOSITORY_ROOT,
  'e2e',
  'templates',
  'cluster-template-incus-microk8s.yaml',
);

/** The identity Secret the LXCCluster of the flavor names (`LXC_SECRET_NAME`). */
export const INCUS_IDENTITY_SECRET = 'incus-identity';

/** An address on incusbr0 that nothing answers: the flavor's external load balancer, which is never built here. */
export const CONTROL_PLANE_ENDPOINT_IP = '10.87.142.250';

/**
 * The image the machines boot: the test cloud image (Debian bookworm with cloud-init, `scripts/incus`) plus recording
 * stand-ins for `snap`, `microk8s`, `iptables` and `apt-get` and MicroK8s' snap data as a fresh installation leaves
 * it, the same image as bootstrap-microk8s' execution test. Cloud-init runs the bootstrap data for real; the
 * stand-ins log each call to `/var/log/capi-ts-stand-ins.jsonl` instead of installing MicroK8s (no snapd in a
 * container, no network). Built once (a few seconds) and cached by content.
 */
export async function microK8sStandInImage(client: IncusClient): Promise<string> {
  return (await ensureCloudImage(client, { extraFiles: machineImageFiles() })).alias;
}

/** A management plane with every manager running, ready for the Incus + MicroK8s flavor. */
export interface IncusMicroK8sPlane {
  readonly plane: CapiManagementPlane;
  readonly managers: ReadonlyMap<string, LocalManager>;
  /** The alias of {@link microK8sStandInImage}. */
  readonly image: string;
}

/**
 * The opening of the Incus + MicroK8s scenarios: `clusterctl init` of every release on a fresh API server (see
 * {@link initManagementPlane}) while the stand-in image is built, Kamaji's CRD (the Kamaji provider, started with the
 * others, needs it; it comes with Kamaji itself), then every manager started. The plane is stopped again if a step
 * after its start fails.
 */
export async function startIncusMicroK8sPlane(client: IncusClient): Promise<IncusMicroK8sPlane> {
  const [plane, image] = await Promise.all([initManagementPlane(resolveCapiBinaries()), microK8sStandInImage(client)]);
  try {
    await plane.env.installCrds([tenantControlPlaneCrd]);
    return { plane, image, managers: await plane.startManagers() };
  } catch (err) {
    await plane.stop();
    throw err;
  }
}

/** A Machine as the scenarios read it. */
export type ClusterMachine = KubeObject & {
  spec: { infrastructureRef: { name: string } };
  status?: { phase?: string } & Record<string, unknown>;
};

/** The Machines of a cluster, narrowed by a label selector (e.g. `cluster.x-k8s.io/control-plane`) when given. */
export async function clusterMachines(
  plane: CapiManagementPlane,
  cluster: { name: string; namespace: string },
  selector?: string,
): Promise<ClusterMachine[]> {
  const labelSelector = [`cluster.x-k8s.io/cluster-name=${cluster.name}`, ...(selector ? [selector] : [])].join(',');
  const list = await plane.env.transport.request<{ items: ClusterMachine[] }>({
    method: 'GET',
    path: `/apis/cluster.x-k8s.io/v1beta2/namespaces/${cluster.namespace}/machines`,
    query: { labelSelector },
  });
  return list.items;
}

/** What `clusterctl generate cluster` wrote, and the objects to create (the identity Secret first). */
export interface GeneratedCluster {
  readonly manifestPath: string;
  readonly objects: KubeObject[];
}

/**
 * `clusterctl generate cluster <name> --from` the Incus + MicroK8s flavor, as a user would run it, saved to
 * `<workDir>/<name>.yaml`; the objects returned start with the identity Secret for the local Incus daemon's unix
 * socket (what `incus remote` would give a user of a remote daemon).
 */
export async function generateIncusMicroK8sCluster(
  plane: CapiManagementPlane,
  options: { name: string; namespace: string; image: string; workers: number; kubernetesVersion?: string },
): Promise<GeneratedCluster> {
  const generated = await plane.clusterctl.run(
    [
      'generate',
      'cluster',
      options.name,
      '--from',
      INCUS_MICROK8S_TEMPLATE,
      '--kubernetes-version',
      options.kubernetesVersion ?? 'v1.33.0',
      '--control-plane-machine-count',
      '1',
      '--worker-machine-count',
      String(options.workers),
      '--target-namespace',
      options.namespace,
    ],
    60_000,
    {
      LXC_SECRET_NAME: INCUS_IDENTITY_SECRET,
      LXC_IMAGE_NAME: options.image,
      CONTROL_PLANE_ENDPOINT_IP,
    },
  );
  const manifestPath = path.join(plane.workDir, `${options.name}.yaml`);
  writeFileSync(manifestPath, generated.stdout);
  const identity: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: INCUS_IDENTITY_SECRET, namespace: options.namespace },
    stringData: { server: `unix://${process.env.INCUS_SOCKET ?? defaultIncusSocketPath}` },
  } as KubeObject;
  return { manifestPath, objects: [identity, ...readYamlObjects(manifestPath)] };
}

/** The Incus instances the Incus provider launched for a cluster (its `user.cluster-name` config key). */
export async function clusterInstances(client: IncusClient, clusterName: string): Promise<string[]> {
  const instances = await client.instances.list();
  return instances
    .filter((instance) => instance.config['user.cluster-name'] === clusterName)
    .map((i) => i.name)
    .sort();
}

/** Force-deletes every instance launched for a cluster: the clean-up after a failed or interrupted run. */
export async function removeClusterInstances(client: IncusClient, clusterName: string): Promise<string[]> {
  const names = await clusterInstances(client, clusterName);
  for (const name of names) await deleteInstance(client, name);
  return names;
}

/**
 * Deletes the Cluster and waits (up to `timeoutMs`) until it is gone and the Incus provider has deleted its
 * instances; then force-deletes any instance still there (the Cluster could not finish) and returns their names.
 */
export async function deleteIncusCluster(
  plane: CapiManagementPlane,
  client: IncusClient,
  cluster: { name: string; namespace: string },
  timeoutMs = 180_000,
): Promise<string[]> {
  const clusterPath = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${cluster.namespace}/clusters/${cluster.name}`;
  const { transport } = plane.env;
  const isNotFound = (err: unknown) => /not ?found|404/i.test(String(err));
  await transport.request({ method: 'DELETE', path: clusterPath }).catch((err: unknown) => {
    if (!isNotFound(err)) throw err;
  });
  await eventually(
    async () => {
      const gone = await transport.request({ method: 'GET', path: clusterPath }).then(() => false, isNotFound);
      if (!gone) throw new Error(`Cluster ${cluster.namespace}/${cluster.name} is still there`);
      if ((await clusterInstances(client, cluster.name)).length > 0) throw new Error('instances are left');
    },
    { timeoutMs, intervalMs: 1000 },
  ).catch(() => undefined);
  return await removeClusterInstances(client, cluster.name);
}
