import { getCondition, type KubeObject } from '@capi-ts/sdk';
import { eventually, resolveCapiBinaries } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIncus, uniqueName } from '../../packages/provider-incus/test-support/index.js';
import { type CapiManagementPlane, initManagementPlane } from '../src/capi-management-plane.js';
import { clusterLeftovers } from '../src/cluster-leftovers.js';
import { moveNamespace, reportMachineNode, withMoveLabel } from '../src/clusterctl-move.js';
import { createObjects } from '../src/create-objects.js';
import { reportFirstControlPlaneNode } from '../src/first-node-stand-in.js';
import {
  generateIncusMicroK8sCluster,
  INCUS_IDENTITY_SECRET,
  microK8sStandInImage,
  removeClusterInstances,
} from '../src/incus-microk8s-cluster.js';
import type { LocalManager } from '../src/local-manager.js';
import { clusterInstanceIdentities, watchInstanceLifecycle } from '../src/move-instance-watch.js';

// Scenario 6: `clusterctl move` of scenario 2's Incus + MicroK8s cluster (one control-plane machine, one worker) from
// one management plane to a second, independent one initialised the same way. The first plane's managers are
// stopped right after the move, as a user retires the old management cluster. On the second plane the moved
// objects must reconcile back to Provisioned on the very instances the first plane launched: same names, same
// Incus creation time and volatile.uuid, and not one instance lifecycle event while the cluster changed hands.
// Deleting the Cluster there must then leave no instance, profile or Secret behind.

// Skipped only where no Incus daemon can be used (not installed, not root, the daemon does not start, or
// CAPI_TS_SKIP_INCUS=1): the scenario needs real system containers. scripts/setup.sh starts Incus here and in CI.
const incus = await ensureIncus();
if (!incus.available) console.warn(`scenario 6 skipped: ${incus.reason}`);

const NAMESPACE = 'default';
const CLUSTER = uniqueName('move');
const CORE = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}`;
const INFRA = `/apis/infrastructure.cluster.x-k8s.io/v1alpha2/namespaces/${NAMESPACE}`;
/** The managers the cluster needs; the other providers are installed on both planes but not run. */
const MANAGERS = ['cluster-api', 'infrastructure-incus', 'bootstrap-microk8s', 'control-plane-microk8s'];

type Status = { status?: Record<string, unknown> };
type Machine = KubeObject &
  Status & { spec: { infrastructureRef: { name: string }; providerID?: string }; status?: { phase?: string } };
type LXCMachine = KubeObject &
  Status & { spec: { providerID?: string }; status?: { initialization?: { provisioned?: boolean } } };
type Cluster = KubeObject &
  Status & {
    spec: { paused?: boolean };
    status?: { phase?: string; initialization?: { infrastructureProvisioned?: boolean } };
  };

describe.skipIf(!incus.available)('clusterctl move of an Incus + MicroK8s cluster to another management plane', () => {
  if (!incus.available) return;
  const { client } = incus;
  let source: CapiManagementPlane;
  let target: CapiManagementPlane;
  let image: string;
  const managers = new Map<CapiManagementPlane, ReadonlyMap<string, LocalManager>>();
  const list = async <T extends KubeObject>(plane: CapiManagementPlane, collection: string) =>
    (
      await plane.env.transport.request<{ items: T[] }>({
        method: 'GET',
        path: collection,
        query: { labelSelector: `cluster.x-k8s.io/cluster-name=${CLUSTER}` },
      })
    ).items;
  const machines = (plane: CapiManagementPlane) => list<Machine>(plane, `${CORE}/machines`);
  const lxcMachines = (plane: CapiManagementPlane) => list<LXCMachine>(plane, `${INFRA}/lxcmachines`);
  const cluster = (plane: CapiManagementPlane) =>
    plane.env.transport.request<Cluster>({ method: 'GET', path: `${CORE}/clusters/${CLUSTER}` });
  const providerIDs = (objects: ReadonlyArray<{ metadata: { name?: string }; spec: { providerID?: string } }>) =>
    Object.fromEntries(objects.map((o) => [o.metadata.name, o.spec.providerID]));
  /** What went wrong, for a failed wait: the plane's Machines and the last log lines of its managers. */
  const explain = (plane: CapiManagementPlane) => async (err: unknown) => {
    const state = (await machines(plane).catch(() => [])).map(
      (m) => `${m.metadata.name}: ${JSON.stringify(m.status?.conditions ?? m.status)}`,
    );
    const logs = [...(managers.get(plane) ?? [])].map(([label, m]) => `--- ${label}\n${m.process.logTail(10)}`);
    throw new Error(`${(err as Error).message}\n${state.join('\n')}\n${logs.join('\n')}`);
  };
  const within = <T>(plane: CapiManagementPlane, check: () => Promise<T>, timeoutMs = 180_000) =>
    eventually(check, { timeoutMs, intervalMs: 1000 }).catch(explain(plane)) as Promise<T>;

  beforeAll(async () => {
    const binaries = resolveCapiBinaries();
    const setUpStarted = Date.now();
    const start = async (plane: CapiManagementPlane) => {
      managers.set(plane, await plane.startManagers(MANAGERS));
    };
    [source, image] = await Promise.all([initManagementPlane(binaries), microK8sStandInImage(client)]);
    // The second plane is installed from the same releases while the first one's managers start.
    await Promise.all([
      initManagementPlane(binaries, { repositoryOf: source }).then((plane) => {
        target = plane;
      }),
      start(source),
    ]);
    await start(target);
    process.stdout.write(`scenario 6: two management planes set up in ${Date.now() - setUpStarted} ms\n`);
  }, 900_000);
  afterAll(async () => {
    await removeClusterInstances(client, CLUSTER);
    await Promise.all([source?.stop(), target?.stop()]);
  }, 120_000);

  it('moves the objects, which reconcile on the same instances, and deletes from the new plane', async () => {
    const started = Date.now();
    const generated = await generateIncusMicroK8sCluster(source, {
      name: CLUSTER,
      namespace: NAMESPACE,
      image,
      workers: 1,
    });
    // The identity Secret is the user's, owned by nothing: the move label is what makes clusterctl carry it.
    const objects = generated.objects.map((o) => (o.metadata.name === INCUS_IDENTITY_SECRET ? withMoveLabel(o) : o));
    await createObjects(source.env.transport, objects, NAMESPACE);

    // Provisioned on the first plane, with each Machine's Node reported as the workload cluster would have it:
    // clusterctl moves only clusters whose control plane is initialized and whose Machines all have a nodeRef.
    const [cp] = await within(source, async () => {
      const all = await machines(source);
      expect(all.map((m) => m.status?.phase)).toEqual(['Provisioned', 'Pending']);
      return all.filter((m) => m.metadata.labels?.['cluster.x-k8s.io/control-plane'] !== undefined);
    });
    await reportFirstControlPlaneNode(source.env.transport, {
      namespace: NAMESPACE,
      controlPlane: `${CLUSTER}-control-plane`,
      machine: cp?.metadata.name ?? '',
      node: cp?.spec.infrastructureRef.name ?? '',
    });
    const worker = await within(source, async () => {
      const found = (await machines(source)).find((m) => m.metadata.name !== cp?.metadata.name);
      expect(found?.status?.phase).toBe('Provisioned');
      return found as Machine;
    });
    await reportMachineNode(source.env.transport, {
      namespace: NAMESPACE,
      name: worker.metadata.name ?? '',
      node: worker.spec.infrastructureRef.name,
    });
    await within(source, async () => {
      expect((await machines(source)).map((m) => m.status?.phase)).toEqual(['Running', 'Running']);
      expect(getCondition(await cluster(source), 'ControlPlaneInitialized')?.status).toBe('True');
    });
    const instancesBefore = await clusterInstanceIdentities(client, CLUSTER);
    expect(instancesBefore.map((i) => i.name)).toEqual(
      [cp?.spec.infrastructureRef.name, worker.spec.infrastructureRef.name].sort(),
    );
    const machineIDs = providerIDs(await machines(source));
    const lxcMachineIDs = providerIDs(await lxcMachines(source));
    expect(Object.values(lxcMachineIDs).sort()).toEqual(instancesBefore.map((i) => `lxc:///${i.name}`));

    // The move, with the first plane's managers still running (they must respect the pause), stopped right after.
    const lifecycle = await watchInstanceLifecycle(client, CLUSTER);
    const moveStarted = Date.now();
    const moved = await moveNamespace(source, target, NAMESPACE);
    process.stdout.write(moved.stdout + moved.stderr);
    await source.stopManagers();
    const moveTook = Date.now() - moveStarted;

    // Nothing of the cluster is left on the first plane.
    await expect(cluster(source)).rejects.toThrow(/not ?found|404/i);
    expect(await machines(source)).toEqual([]);
    expect(await lxcMachines(source)).toEqual([]);
    await expect(
      source.env.transport.request({
        method: 'GET',
        path: `/api/v1/namespaces/${NAMESPACE}/secrets/${INCUS_IDENTITY_SECRET}`,
      }),
    ).rejects.toThrow(/not ?found|404/i);

    // On the second plane: the same objects, unpaused, reconciled back to Provisioned on the same instances.
    await within(target, async () => {
      const moved = await cluster(target);
      expect(moved.spec.paused ?? false).toBe(false);
      expect(moved.status?.phase).toBe('Provisioned');
      expect(moved.status?.initialization?.infrastructureProvisioned).toBe(true);
      const movedLxcMachines = await lxcMachines(target);
      expect(providerIDs(movedLxcMachines)).toEqual(lxcMachineIDs);
      for (const m of movedLxcMachines) {
        expect(m.status?.initialization?.provisioned, m.metadata.name).toBe(true);
        expect(getCondition(m, 'Ready')?.status, m.metadata.name).toBe('True');
      }
      const movedMachines = await machines(target);
      expect(providerIDs(movedMachines)).toEqual(machineIDs);
      expect(movedMachines.map((m) => m.status?.phase)).toEqual(['Provisioned', 'Provisioned']);
    });
    expect(await clusterInstanceIdentities(client, CLUSTER)).toEqual(instancesBefore);
    expect(await lifecycle.stop()).toEqual([]);
    const identity = await target.env.transport.request<KubeObject>({
      method: 'GET',
      path: `/api/v1/namespaces/${NAMESPACE}/secrets/${INCUS_IDENTITY_SECRET}`,
    });
    expect(identity.metadata.labels).toMatchObject({ 'clusterctl.cluster.x-k8s.io/move': 'true' });

    // Deleting the Cluster on the second plane removes every instance (the recording sees it: it could have seen a
    // recreation above); nothing is left behind.
    const deletion = await watchInstanceLifecycle(client, CLUSTER);
    await target.env.transport.request({ method: 'DELETE', path: `${CORE}/clusters/${CLUSTER}` });
    await within(target, async () => {
      await expect(cluster(target)).rejects.toThrow(/not ?found|404/i);
    });
    expect(await clusterLeftovers(target, client, { name: CLUSTER, namespace: NAMESPACE })).toEqual({
      instances: [],
      profiles: [],
      secrets: [],
    });
    expect(await deletion.stop()).toEqual(
      expect.arrayContaining(instancesBefore.map((i) => `instance-deleted ${i.name}`)),
    );
    process.stdout.write(
      `scenario 6 (clusterctl move of an Incus + MicroK8s cluster, reconcile on the new plane, delete) wall time: ` +
        `${Date.now() - started} ms (the move itself: ${moveTook} ms)\n`,
    );
  }, 600_000);
});
