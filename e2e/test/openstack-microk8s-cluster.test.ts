import { getCondition, type KubeObject } from '@capi-ts/sdk';
import { eventually, resolveCapiBinaries } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantControlPlaneCrd } from '../../packages/controlplane-kamaji/test/support/kamaji-crds.js';
import {
  type OpenStackSimulator,
  startOpenStackSimulator,
} from '../../packages/provider-openstack/test-support/index.js';
import { type CapiManagementPlane, initManagementPlane } from '../src/capi-management-plane.js';
import { createObjects } from '../src/create-objects.js';
import { reportFirstControlPlaneNode } from '../src/first-node-stand-in.js';
import type { LocalManager } from '../src/local-manager.js';
import { openStackMicroK8sCluster } from '../src/openstack-microk8s-cluster.js';

// Scenario 3: an OpenStack cluster with a MicroK8s control plane and MicroK8s workers, driven by the real Cluster API
// core manager and our providers as clusterctl installed them, against the OpenStack simulator
// (packages/provider-openstack/test-support) served over HTTPS from a CA of its own, which the identity Secret
// carries as `cacert`. The simulator has no data plane, so no MicroK8s comes up: as in scenario 2, the test stands in
// for the first Ready control-plane node (reportFirstControlPlaneNode) so that the workers get their join data.

const NAMESPACE = 'default';
const CLUSTER = `os-${Date.now().toString(36)}`;
const MD = `${CLUSTER}-md-0`;
const KCP = `${CLUSTER}-control-plane`;
const CORE = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}`;
const INFRA = `/apis/infrastructure.cluster.x-k8s.io/v1beta1/namespaces/${NAMESPACE}`;

type Status = { status?: Record<string, unknown> };
type Machine = KubeObject & Status & { spec: { providerID?: string; infrastructureRef: { name: string } } };
type OpenStackClusterStatus = {
  ready?: boolean;
  apiServerLoadBalancer?: { id?: string; ip?: string; internalIP?: string };
  bastion?: { id?: string; state?: string; floatingIP?: string; ip?: string };
  network?: { id?: string };
  router?: { id?: string };
};

describe('an OpenStack + MicroK8s cluster on the OpenStack simulator under the real Cluster API core controllers', () => {
  let cloud: OpenStackSimulator;
  let plane: CapiManagementPlane;
  let managers: ReadonlyMap<string, LocalManager>;
  const get = <T = KubeObject & Status>(path: string) => plane.env.transport.request<T>({ method: 'GET', path });
  const machines = async (selector: string) =>
    (
      await plane.env.transport.request<{ items: Machine[] }>({
        method: 'GET',
        path: `${CORE}/machines`,
        query: { labelSelector: `cluster.x-k8s.io/cluster-name=${CLUSTER},${selector}` },
      })
    ).items;
  const workers = () => machines(`cluster.x-k8s.io/deployment-name=${MD}`);
  const controlPlane = () => machines('cluster.x-k8s.io/control-plane');
  const phases = (list: Machine[]) => list.map((m) => m.status?.phase);
  const servers = () => cloud.leftovers().filter((r) => r.type === 'server');
  /** What went wrong, for a failed wait: the Cluster, OpenStackCluster and Machines, and each manager's last log lines. */
  const explain = async (err: unknown): Promise<never> => {
    const objects = await Promise.all(
      [`${CORE}/clusters/${CLUSTER}`, `${INFRA}/openstackclusters/${CLUSTER}`].map(async (p) =>
        JSON.stringify((await get(p).catch((e: unknown) => ({ status: String(e) }))).status),
      ),
    );
    const state = (await machines('').catch(() => [])).map(
      (m) => `${m.metadata.name}: ${JSON.stringify(m.status?.conditions ?? m.status)}`,
    );
    const logs = [...managers].map(([label, m]) => `--- ${label}\n${m.process.logTail(10)}`);
    throw new Error(
      `${(err as Error).message}\n${[...objects, ...state].join('\n')}\nleft in the cloud: ${JSON.stringify(cloud.leftovers())}\n${logs.join('\n')}`,
    );
  };
  const within = <T>(check: () => Promise<T>, timeoutMs = 120_000) =>
    eventually(check, { timeoutMs, intervalMs: 1000 }).catch(explain);

  beforeAll(async () => {
    const started = Date.now();
    [cloud, plane] = await Promise.all([
      startOpenStackSimulator({ tls: true }),
      initManagementPlane(resolveCapiBinaries()),
    ]);
    // The Kamaji provider, started with the others, needs Kamaji's CRD, which comes with Kamaji itself.
    await plane.env.installCrds([tenantControlPlaneCrd]);
    managers = await plane.startManagers();
    process.stdout.write(`scenario 3: management plane and managers ready in ${Date.now() - started} ms\n`);
  }, 900_000);
  afterAll(async () => {
    await plane?.stop();
    await cloud?.stop();
  }, 120_000);

  it('provisions the load balancer, bastion and servers, and deleting the Cluster leaves the cloud empty', async () => {
    const started = Date.now();
    expect(cloud.caCert).toBeDefined();
    const objects = openStackMicroK8sCluster({ name: CLUSTER, namespace: NAMESPACE, cloud, workers: 1 });
    expect(objects.map((o) => o.kind)).toEqual([
      'Secret',
      'Cluster',
      'OpenStackCluster',
      'MicroK8sControlPlane',
      'OpenStackMachineTemplate',
      'MachineDeployment',
      'OpenStackMachineTemplate',
      'MicroK8sConfigTemplate',
    ]);
    await createObjects(plane.env.transport, objects, NAMESPACE);

    // The infrastructure: network, router, security groups, the API server's load balancer with a floating IP, which
    // becomes the Cluster's endpoint, and the bastion.
    const osc = await within(async () => {
      const status = (
        await get<KubeObject & { status?: OpenStackClusterStatus }>(`${INFRA}/openstackclusters/${CLUSTER}`)
      ).status;
      expect(status?.ready).toBe(true);
      expect(status?.bastion?.floatingIP).toBeTruthy();
      return status as OpenStackClusterStatus;
    });
    expect(osc.bastion?.state).toBe('ACTIVE');
    expect(osc.bastion?.ip).toMatch(/^10\.6\.0\./);
    expect(osc.apiServerLoadBalancer?.ip).toMatch(/^172\.24\.4\./);
    const cluster = await within(async () => {
      const object = await get<KubeObject & Status & { spec: { controlPlaneEndpoint?: unknown } }>(
        `${CORE}/clusters/${CLUSTER}`,
      );
      expect(object.status?.phase).toBe('Provisioned');
      return object;
    });
    expect(cluster.spec.controlPlaneEndpoint).toEqual({ host: osc.apiServerLoadBalancer?.ip, port: 6443 });
    expect(
      cloud
        .leftovers()
        .filter((r) => r.type === 'loadbalancer')
        .map((r) => r.name),
    ).toEqual([`k8s-clusterapi-cluster-${NAMESPACE}-${CLUSTER}-kubeapi`]);

    // The control plane: one Machine whose server runs in the cloud, named by its providerID.
    const providerIdOf = (m: Machine) => /^openstack:\/\/([^/]+)\/(.+)$/.exec(m.spec.providerID ?? '')?.slice(1);
    const [cpMachine] = await within(async () => {
      const list = await controlPlane();
      expect(phases(list)).toEqual(['Provisioned']);
      return list;
    });
    const [cpRegion, cpServer] = providerIdOf(cpMachine as Machine) ?? [];
    expect(cpRegion).toBe(cloud.regionName);
    expect(servers().map((s) => s.id)).toEqual(expect.arrayContaining([osc.bastion?.id, cpServer]));

    // The workers wait for the control plane: MicroK8s would report its first node Ready through the workload API.
    await within(async () => expect(phases(await workers())).toEqual(['Pending']));
    await reportFirstControlPlaneNode(plane.env.transport, {
      namespace: NAMESPACE,
      controlPlane: KCP,
      machine: cpMachine?.metadata.name ?? '',
      node: cpMachine?.spec.infrastructureRef.name ?? '',
    });
    const [worker] = await within(async () => {
      const list = await workers();
      expect(phases(list)).toEqual(['Provisioned']);
      return list;
    });
    const [workerRegion, workerServer] = providerIdOf(worker as Machine) ?? [];
    expect(workerRegion).toBe(cloud.regionName);
    expect(
      servers()
        .map((s) => s.id)
        .sort(),
    ).toEqual([osc.bastion?.id, cpServer, workerServer].sort());
    const clusterNow = await get(`${CORE}/clusters/${CLUSTER}`);
    expect(getCondition(clusterNow, 'InfrastructureReady')?.status).toBe('True');
    expect(getCondition(clusterNow, 'ControlPlaneInitialized')?.status).toBe('True');

    const described = await plane.clusterctl.run(['describe', 'cluster', CLUSTER, '--namespace', NAMESPACE]);
    process.stdout.write(described.stdout);
    expect(described.stdout).toMatch(new RegExp(`^Cluster ${NAMESPACE}/${CLUSTER}\\b`, 'm'));
    expect(described.stdout).toMatch(new RegExp(`OpenStackCluster ${NAMESPACE}/${CLUSTER}\\s+True\\b`));
    expect(described.stdout).toMatch(new RegExp(`MicroK8sControlPlane ${NAMESPACE}/${KCP}`));
    expect(described.stdout).toMatch(new RegExp(`MachineDeployment ${NAMESPACE}/${MD}`));

    // What the delete has to remove: everything the providers created in the cloud for this cluster.
    expect(new Set(cloud.leftovers().map((r) => r.type))).toEqual(
      new Set(['network', 'subnet', 'router', 'security_group', 'port', 'floatingip', 'loadbalancer', 'server']),
    );
    expect(cloud.leftovers().filter((r) => r.type === 'floatingip')).toHaveLength(2);

    const provisioned = Date.now() - started;
    await plane.env.transport.request({ method: 'DELETE', path: `${CORE}/clusters/${CLUSTER}` });
    await within(async () => {
      await expect(get(`${CORE}/clusters/${CLUSTER}`)).rejects.toThrow(/not ?found|404/i);
    });
    await within(async () => expect(cloud.leftovers()).toEqual([]));
    for (const kind of ['openstackclusters', 'openstackmachines']) {
      expect((await get<{ items: KubeObject[] }>(`${INFRA}/${kind}`)).items.map((o) => o.metadata.name)).toEqual([]);
    }
    const bastions = await get<{ items: KubeObject[] }>(
      `/apis/infrastructure.cluster.x-k8s.io/v1alpha1/namespaces/${NAMESPACE}/openstackservers`,
    );
    expect(bastions.items.map((o) => o.metadata.name)).toEqual([]);
    process.stdout.write(
      `scenario 3 (OpenStack simulator + MicroK8s, load balancer and bastion, delete) wall time: ${Date.now() - started} ms (provisioned after ${provisioned} ms)\n`,
    );
  }, 300_000);
});
