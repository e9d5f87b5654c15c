import type { KubeObject } from '@capi-ts/sdk';
import { eventually, resolveCapiBinaries } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantControlPlaneCrd } from '../../packages/controlplane-kamaji/test/support/kamaji-crds.js';
import { ensureIncus, readStandInCalls, waitForCloudInit } from '../../packages/provider-incus/test-support/index.js';
import { type CapiManagementPlane, initManagementPlane } from '../src/capi-management-plane.js';
import { createObjects } from '../src/create-objects.js';
import { reportFirstControlPlaneNode } from '../src/first-node-stand-in.js';
import {
  clusterInstances,
  deleteIncusCluster,
  generateIncusMicroK8sCluster,
  microK8sStandInImage,
  removeClusterInstances,
} from '../src/incus-microk8s-cluster.js';

// Scenario 5 (the CI-sized run): scenario 2's Incus + MicroK8s cluster provisions while the Incus provider is killed
// with SIGKILL twice, each time right after it launched an instance (while it is still waiting for it, before its
// LXCMachine recorded anything), and restarted as its Deployment would restart it. Each Machine must end with exactly
// one instance that ran its bootstrap data once, and deleting the Cluster must leave none.

// Skipped only where no Incus daemon can be used (not installed, not root, the daemon does not start, or
// CAPI_TS_SKIP_INCUS=1): the scenario needs real system containers. scripts/setup.sh starts Incus here and in CI.
const incus = await ensureIncus();
if (!incus.available) console.warn(`scenario 5 skipped: ${incus.reason}`);

const NAMESPACE = 'default';
const CLUSTER = `crash-${Date.now().toString(36)}`;
const INCUS_PROVIDER = 'infrastructure-incus';

type Machine = KubeObject & { spec: { infrastructureRef: { name: string } }; status?: { phase?: string } };

describe.skipIf(!incus.available)('kill -9 of the Incus provider while an Incus + MicroK8s cluster provisions', () => {
  if (!incus.available) return;
  const { client } = incus;
  let plane: CapiManagementPlane;
  let image: string;
  const machines = async () =>
    (
      await plane.env.transport.request<{ items: Machine[] }>({
        method: 'GET',
        path: `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}/machines`,
        query: { labelSelector: `cluster.x-k8s.io/cluster-name=${CLUSTER}` },
      })
    ).items;
  /** Kills and restarts the Incus provider once the cluster has `count` instances. */
  const killAfterInstances = async (count: number) => {
    await eventually(
      async () => expect((await clusterInstances(client, CLUSTER)).length).toBeGreaterThanOrEqual(count),
      {
        timeoutMs: 240_000,
        intervalMs: 100,
      },
    );
    const states = (await client.instances.list())
      .filter((i) => i.config['user.cluster-name'] === CLUSTER)
      .map((i) => `${i.name} ${i.status}`);
    await plane.restartManager(INCUS_PROVIDER);
    process.stdout.write(`killed and restarted the Incus provider with instances: ${states.join(', ')}\n`);
  };

  beforeAll(async () => {
    [plane, image] = await Promise.all([initManagementPlane(resolveCapiBinaries()), microK8sStandInImage(client)]);
    await plane.env.installCrds([tenantControlPlaneCrd]);
    await plane.startManagers();
  }, 900_000);
  afterAll(async () => {
    await removeClusterInstances(client, CLUSTER);
    await plane?.stop();
  }, 120_000);

  it('converges to one instance per Machine, each bootstrapped once, and deletes them all', async () => {
    const started = Date.now();
    const generated = await generateIncusMicroK8sCluster(plane, {
      name: CLUSTER,
      namespace: NAMESPACE,
      image,
      workers: 2,
    });
    await createObjects(plane.env.transport, generated.objects, NAMESPACE);

    await killAfterInstances(1);
    const controlPlane = await eventually(
      async () => {
        const [machine, ...others] = (await machines()).filter(
          (m) => m.metadata.labels?.['cluster.x-k8s.io/control-plane'] !== undefined,
        );
        expect(others).toEqual([]);
        expect(machine?.status?.phase).toBe('Provisioned');
        return machine as Machine;
      },
      { timeoutMs: 240_000, intervalMs: 1000 },
    );
    await reportFirstControlPlaneNode(plane.env.transport, {
      namespace: NAMESPACE,
      controlPlane: `${CLUSTER}-control-plane`,
      machine: controlPlane.metadata.name ?? '',
      node: controlPlane.spec.infrastructureRef.name,
    });

    await killAfterInstances(2);
    const instances = await eventually(
      async () => {
        const all = await machines();
        expect(all.map((m) => m.status?.phase).sort()).toEqual(['Provisioned', 'Provisioned', 'Running']);
        const names = all.map((m) => m.spec.infrastructureRef.name).sort();
        expect(await clusterInstances(client, CLUSTER)).toEqual(names);
        return names;
      },
      { timeoutMs: 240_000, intervalMs: 1000 },
    );
    for (const name of instances) {
      expect((await waitForCloudInit(client, name)).exitCode, name).toBe(0);
      const installs = (await readStandInCalls(client, name)).filter(
        (c) => c.command === 'snap' && c.args[0] === 'install' && c.args[1] === 'microk8s',
      );
      expect(installs, name).toHaveLength(1);
    }

    expect(await deleteIncusCluster(plane, client, { name: CLUSTER, namespace: NAMESPACE })).toEqual([]);
    expect(await clusterInstances(client, CLUSTER)).toEqual([]);
    process.stdout.write(
      `scenario 5 (two kill -9 of the Incus provider, delete) wall time: ${Date.now() - started} ms\n`,
    );
  }, 600_000);
});
