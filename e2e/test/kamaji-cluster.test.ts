import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { getCondition, type KubeObject, Manager, type Secret, secretValue, silentLogger } from '@capi-ts/sdk';
import { eventually, resolveCapiBinaries } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantControlPlaneCrd } from '../../packages/controlplane-kamaji/test/support/kamaji-crds.js';
import { kamajiSimulator } from '../../packages/controlplane-kamaji/test/support/kamaji-simulator/simulator.js';
import { defaultIncusSocketPath } from '../../packages/provider-incus/src/incus/connection.js';
import { ensureCloudImage, ensureIncus, uniqueName } from '../../packages/provider-incus/test-support/index.js';
import { type CapiManagementPlane, initManagementPlane } from '../src/capi-management-plane.js';
import { clusterLeftovers } from '../src/cluster-leftovers.js';
import { readYamlObjects } from '../src/components.js';
import { createObjects } from '../src/create-objects.js';
import { clusterInstances, INCUS_IDENTITY_SECRET, removeClusterInstances } from '../src/incus-microk8s-cluster.js';
import {
  KAMAJI_WORKER_KINDS,
  kubeadmBootstrapToken,
  withJoinToken,
  withoutDefaultKubeadmProfile,
} from '../src/kamaji-incus-workers.js';
import type { LocalManager } from '../src/local-manager.js';
import { REPOSITORY_ROOT } from '../src/workspace.js';

// The workers are skipped only where no Incus daemon can be used (not installed, not root, the daemon does not
// start, or CAPI_TS_SKIP_INCUS=1): they need real system containers. scripts/setup.sh starts Incus here and in CI.
const incus = await ensureIncus();
if (!incus.available) console.warn(`scenario 4's Incus workers skipped: ${incus.reason}`);

const NAMESPACE = 'default';
const CLUSTER = uniqueName('kamaji');
const MD = `${CLUSTER}-md-0`;
const WORKERS = 2;
const CORE = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}`;
const INCUS_CRDS = path.join(REPOSITORY_ROOT, 'packages', 'provider-incus', 'config', 'crd', 'bases');

type Machine = KubeObject & {
  spec: { infrastructureRef: { name: string }; providerID?: string; bootstrap: { dataSecretName?: string } };
  status?: { phase?: string };
};

// A Cluster with a Kamaji control plane and Incus workers, driven by the real Cluster API core manager and our Kamaji,
// kubeadm bootstrap and Incus providers (as clusterctl installed them), from the Incus flavor of the Kamaji release.
// Kamaji's operator is the simulator of packages/controlplane-kamaji/test/support: it serves no API at the endpoint.
describe('a Kamaji control plane under the real Cluster API core controllers', () => {
  let plane: CapiManagementPlane;
  /** The flavor as clusterctl generated it; the first test applies the control plane, the second the workers. */
  let generated: KubeObject[] = [];
  /** The locally built cloud image the workers boot (no image server is reachable here). */
  let image = '';
  const stopSimulator = new AbortController();
  let simulatorRunning: Promise<void> | undefined;
  let managers: ReadonlyMap<string, LocalManager>;
  const get = (path: string) =>
    plane.env.transport.request<KubeObject & { status?: Record<string, unknown> }>({ method: 'GET', path });

  beforeAll(async () => {
    [plane, image] = await Promise.all([
      initManagementPlane(resolveCapiBinaries()),
      incus.available ? ensureCloudImage(incus.client).then((i) => i.alias) : '',
    ]);
    // Kamaji's CRD comes with Kamaji; the LXCCluster CRD with the Incus release, until it exists in the repository.
    const crds = [tenantControlPlaneCrd];
    if (!plane.providers.some((p) => p.release.label === 'infrastructure-incus')) {
      await plane.env.installCrds([INCUS_CRDS]);
      // What the Incus components grant Cluster API's manager through aggregation.
      await createObjects(
        plane.env.transport,
        [
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRole',
            metadata: {
              name: 'e2e-incus-capi-aggregated',
              labels: { 'cluster.x-k8s.io/aggregate-to-manager': 'true' },
            },
            rules: [
              {
                apiGroups: ['infrastructure.cluster.x-k8s.io'],
                resources: ['*'],
                verbs: ['get', 'list', 'watch', 'patch', 'update'],
              },
            ],
          } as KubeObject,
        ],
        NAMESPACE,
      );
    }
    await plane.env.installCrds(crds);
    managers = await plane.startManagers();
    const kamaji = new Manager({
      kubeConfig: plane.env.kubeConfig,
      logger: silentLogger(),
      metricsBindAddress: '0',
      healthProbeBindAddress: '0',
    });
    kamaji.add(kamajiSimulator(kamaji).controller);
    simulatorRunning = kamaji.start(stopSimulator.signal);
  }, 900_000);
  afterAll(async () => {
    // The managers stop first, so that the Incus provider does not launch again what a failed run leaves.
    await plane?.stopManagers();
    if (incus.available) await removeClusterInstances(incus.client, CLUSTER);
    stopSimulator.abort();
    await simulatorRunning;
    await plane?.stop();
  }, 120_000);

  it('provisions the infrastructure and initializes an available control plane from the Incus flavor of the Kamaji release, as clusterctl describe shows', async () => {
    const kamajiRelease = plane.providers.find((p) => p.release.label === 'control-plane-kamaji');
    const template = path.join(kamajiRelease?.release.directory ?? '', 'cluster-template-incus.yaml');
    const output = await plane.clusterctl.run(
      [
        'generate',
        'cluster',
        CLUSTER,
        '--from',
        template,
        '--kubernetes-version',
        'v1.33.0',
        '--worker-machine-count',
        String(WORKERS),
        '--target-namespace',
        NAMESPACE,
      ],
      60_000,
      // A user changes the image (CAPN's kubeadm images are on a server not reachable here) and, on this host, skips
      // the default kubeadm profile (see withoutDefaultKubeadmProfile) and gives the join token (see withJoinToken).
      { LXC_SECRET_NAME: INCUS_IDENTITY_SECRET, LXC_IMAGE_NAME: image },
    );
    const file = path.join(plane.workDir, `${CLUSTER}.yaml`);
    writeFileSync(file, output.stdout);
    generated = readYamlObjects(file).map(withoutDefaultKubeadmProfile);
    const objects = generated.filter((o) => ['Cluster', 'LXCCluster', 'KamajiControlPlane'].includes(o.kind ?? ''));
    expect(objects.map((o) => o.kind).sort()).toEqual(['Cluster', 'KamajiControlPlane', 'LXCCluster']);
    const started = Date.now();
    await createObjects(plane.env.transport, objects, NAMESPACE);

    const clusterPath = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NAMESPACE}/clusters/${CLUSTER}`;
    const kcpPath = `/apis/controlplane.cluster.x-k8s.io/v1alpha2/namespaces/${NAMESPACE}/kamajicontrolplanes/${CLUSTER}`;
    const lxcPath = `/apis/infrastructure.cluster.x-k8s.io/v1alpha2/namespaces/${NAMESPACE}/lxcclusters/${CLUSTER}`;
    const cluster = await eventually(
      async () => {
        const object = await get(clusterPath);
        expect(getCondition(object, 'ControlPlaneInitialized')?.status).toBe('True');
        return object;
      },
      { timeoutMs: 120_000, intervalMs: 1000 },
    ).catch(async (err: unknown) => {
      const state = await Promise.all(
        [clusterPath, kcpPath, lxcPath].map(async (p) => JSON.stringify(await get(p).catch((e) => String(e)), null, 1)),
      );
      const logs = [...managers].map(([label, m]) => `--- ${label}\n${m.process.logTail(15)}`);
      throw new Error(`${(err as Error).message}\n${state.join('\n')}\n${logs.join('\n')}`);
    });
    process.stdout.write(
      `Kamaji control plane initialized ${Date.now() - started} ms after the manifests were applied\n`,
    );
    expect((cluster.spec as { controlPlaneEndpoint?: unknown }).controlPlaneEndpoint).toEqual({
      host: '203.0.113.10',
      port: 6443,
    });
    const kcp = await get(
      `/apis/controlplane.cluster.x-k8s.io/v1alpha2/namespaces/${NAMESPACE}/kamajicontrolplanes/${CLUSTER}`,
    );
    expect(kcp.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name}`)).toContain(`Cluster/${CLUSTER}`);
    const lxc = await get(
      `/apis/infrastructure.cluster.x-k8s.io/v1alpha2/namespaces/${NAMESPACE}/lxcclusters/${CLUSTER}`,
    );
    expect((lxc.spec as { controlPlaneEndpoint?: unknown }).controlPlaneEndpoint).toEqual({
      host: '203.0.113.10',
      port: 6443,
    });

    const describe = await plane.clusterctl.run([
      'describe',
      'cluster',
      CLUSTER,
      '--namespace',
      NAMESPACE,
      '--show-conditions',
      'all',
    ]);
    process.stdout.write(describe.stdout);
    const row = (name: string) => new RegExp(`─${name}\\s+(True|False)\\s+(\\S+)`).exec(describe.stdout)?.slice(1, 3);
    expect(describe.stdout).toMatch(new RegExp(`^Cluster ${NAMESPACE}/${CLUSTER}\\s+1/1`, 'm'));
    expect(describe.stdout).toMatch(new RegExp(`KamajiControlPlane ${NAMESPACE}/${CLUSTER}, v1\\.33\\.0\\s+1/1`));
    expect(row('InfrastructureReady')).toEqual(['True', 'Ready']);
    expect(row('ControlPlaneInitialized')).toEqual(['True', 'Initialized']);
    expect(row('ControlPlaneAvailable')).toEqual(['True', 'Available']);
    expect(row('KamajiControlPlaneIsReady')).toEqual(['True', 'Succeeded']);
    // The simulated Kamaji serves no API at its endpoint, so the core controllers cannot connect to the workload
    // cluster: that alone keeps the Cluster from Available.
    expect(row('RemoteConnectionProbe')).toEqual(['False', 'ProbeFailed']);
    expect(getCondition(await get(clusterPath), 'Available')?.message).toBe(
      '* RemoteConnectionProbe: Remote connection not established yet',
    );
  }, 400_000);

  describe.skipIf(!incus.available)('with the Incus workers of the flavor', () => {
    if (!incus.available) return;
    const { client } = incus;
    const workers = async () =>
      (
        await plane.env.transport.request<{ items: Machine[] }>({
          method: 'GET',
          path: `${CORE}/machines`,
          query: { labelSelector: `cluster.x-k8s.io/deployment-name=${MD}` },
        })
      ).items;
    const within = <T>(check: () => Promise<T>, timeoutMs = 180_000) =>
      eventually(check, { timeoutMs, intervalMs: 1000 }).catch(async (err: unknown) => {
        const state = (await workers().catch(() => [])).map(
          (m) => `${m.metadata.name}: ${JSON.stringify(m.status ?? {})}`,
        );
        const logs = [...managers].map(([label, m]) => `--- ${label}\n${m.process.logTail(15)}`);
        throw new Error(`${(err as Error).message}\n${state.join('\n')}\n${logs.join('\n')}`);
      });

    it('launches a system container per worker with the kubeadm join data, creates no load balancer for the Kamaji-managed LXCCluster and leaves nothing behind on delete', async () => {
      const started = Date.now();
      const token = kubeadmBootstrapToken();
      const identity = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: INCUS_IDENTITY_SECRET, namespace: NAMESPACE },
        stringData: { server: `unix://${process.env.INCUS_SOCKET ?? defaultIncusSocketPath}` },
      } as KubeObject;
      // The join token is given (see withJoinToken): the simulated Kamaji serves no API in which the kubeadm bootstrap
      // provider could create one. Once the join data is written it still tries to extend the token there, as CABPK
      // does; that fails (its log shows it) and holds nothing back.
      const workerObjects = generated
        .filter((o) => (KAMAJI_WORKER_KINDS as readonly string[]).includes(o.kind ?? ''))
        .map((o) => withJoinToken(o, token));
      expect(workerObjects.map((o) => o.kind)).toEqual([
        'MachineDeployment',
        'LXCMachineTemplate',
        'KubeadmConfigTemplate',
      ]);
      await createObjects(plane.env.transport, [identity, ...workerObjects], NAMESPACE);

      const provisioned = await within(async () => {
        const list = await workers();
        expect(list.map((m) => m.status?.phase)).toEqual(Array(WORKERS).fill('Provisioned'));
        return list;
      });
      process.stdout.write(
        `Incus workers provisioned ${Date.now() - started} ms after the MachineDeployment was applied\n`,
      );
      const names = provisioned.map((m) => m.spec.infrastructureRef.name).sort();
      expect(provisioned.map((m) => m.spec.providerID).sort()).toEqual(names.map((n) => `lxc:///${n}`));
      // One instance per worker, named after its LXCMachine, and nothing else: no load balancer for an LXCCluster
      // that Kamaji manages.
      expect(await clusterInstances(client, CLUSTER)).toEqual(names);
      expect(
        (await client.instances.list())
          .filter((i) => i.name.startsWith(CLUSTER))
          .map((i) => i.name)
          .sort(),
      ).toEqual(names);
      for (const machine of provisioned) {
        const name = machine.spec.infrastructureRef.name;
        const data = await plane.env.transport.request<Secret>({
          method: 'GET',
          path: `/api/v1/namespaces/${NAMESPACE}/secrets/${machine.spec.bootstrap.dataSecretName}`,
        });
        const userData = secretValue(data, 'value')?.toString('utf8') ?? '';
        expect(userData).toContain(`token: ${token}`);
        expect(userData).toContain('apiServerEndpoint: 203.0.113.10:6443');
        expect((await client.instances.get(name)).config['cloud-init.user-data']).toBe(userData);
      }
      // cloud-init runs the join data in the container; the test image has no kubeadm (and no control plane answers at
      // the simulated endpoint), so `kubeadm join` fails there and the join configuration is all that is left of it.
      const first = names[0] ?? '';
      expect(
        (await client.exec.run(first, ['cloud-init', 'status', '--wait'], { timeoutSeconds: 120 })).exitCode,
      ).not.toBe(0);
      const joinConfig = await client.exec.run(first, ['cat', '/run/kubeadm/kubeadm-join-config.yaml']);
      expect(joinConfig.stdout).toContain(token);

      // The endpoint Kamaji's control plane patched into the LXCCluster, which the Incus provider left alone.
      const lxc = await get(
        `/apis/infrastructure.cluster.x-k8s.io/v1alpha2/namespaces/${NAMESPACE}/lxcclusters/${CLUSTER}`,
      );
      expect(lxc.metadata.annotations?.['cluster.x-k8s.io/managed-by']).toBe('kamaji');
      expect((lxc.spec as { controlPlaneEndpoint?: unknown }).controlPlaneEndpoint).toEqual({
        host: '203.0.113.10',
        port: 6443,
      });

      const described = await plane.clusterctl.run([
        'describe',
        'cluster',
        CLUSTER,
        '--namespace',
        NAMESPACE,
        '--grouping=false',
      ]);
      process.stdout.write(described.stdout);
      expect(described.stdout).toMatch(new RegExp(`MachineDeployment ${NAMESPACE}/${MD}`));
      for (const machine of provisioned)
        expect(described.stdout).toContain(`Machine ${NAMESPACE}/${machine.metadata.name}`);

      await plane.env.transport.request({ method: 'DELETE', path: `${CORE}/clusters/${CLUSTER}` });
      await within(async () => {
        await expect(get(`${CORE}/clusters/${CLUSTER}`)).rejects.toThrow(/not ?found|404/i);
      });
      // No garbage collector runs here. The TenantControlPlane, owned by the deleted KamajiControlPlane only, is what
      // the garbage collector of a real cluster deletes, and Kamaji's Secrets owned by it with it: the test deletes it
      // as that collector would. Secrets whose owners are gone are left to it too (see clusterLeftovers).
      const tcps = await plane.env.transport.request<{ items: KubeObject[] }>({
        method: 'GET',
        path: `/apis/kamaji.clastix.io/v1alpha1/namespaces/${NAMESPACE}/tenantcontrolplanes`,
      });
      const tenant = tcps.items.find((t) => t.metadata.ownerReferences?.some((o) => o.name === CLUSTER));
      expect(tenant?.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name}`)).toEqual([
        `KamajiControlPlane/${CLUSTER}`,
      ]);
      await expect(
        get(`/apis/controlplane.cluster.x-k8s.io/v1alpha2/namespaces/${NAMESPACE}/kamajicontrolplanes/${CLUSTER}`),
      ).rejects.toThrow(/not ?found|404/i);
      await plane.env.transport.request({
        method: 'DELETE',
        path: `/apis/kamaji.clastix.io/v1alpha1/namespaces/${NAMESPACE}/tenantcontrolplanes/${tenant?.metadata.name}`,
      });
      expect(await clusterLeftovers(plane, client, { name: CLUSTER, namespace: NAMESPACE })).toEqual({
        instances: [],
        profiles: [],
        secrets: [],
      });
      process.stdout.write(`scenario 3 (Kamaji + Incus workers, delete) wall time: ${Date.now() - started} ms\n`);
    }, 400_000);
  });
});
