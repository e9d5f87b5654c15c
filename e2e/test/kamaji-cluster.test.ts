import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { getCondition, type KubeObject, Manager, silentLogger } from '@capi-ts/sdk';
import { eventually, resolveCapiBinaries } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantControlPlaneCrd } from '../../packages/controlplane-kamaji/test/support/kamaji-crds.js';
import { kamajiSimulator } from '../../packages/controlplane-kamaji/test/support/kamaji-simulator/simulator.js';
import { type CapiManagementPlane, initManagementPlane } from '../src/capi-management-plane.js';
import { readYamlObjects } from '../src/components.js';
import { createObjects } from '../src/create-objects.js';
import type { LocalManager } from '../src/local-manager.js';
import { REPOSITORY_ROOT } from '../src/workspace.js';

const NAMESPACE = 'default';
const CLUSTER = 'tenant-a';
const INCUS_CRDS = path.join(REPOSITORY_ROOT, 'packages', 'provider-incus', 'config', 'crd', 'bases');

// A Cluster with a Kamaji control plane, driven by the real Cluster API core manager and our Kamaji provider (as
// clusterctl installed them), from the Incus flavor of the Kamaji release. Kamaji's operator is the simulator of
// packages/controlplane-kamaji/test/support; the workers (MachineDeployment) need the Incus provider and are left out.
describe('a Kamaji control plane under the real Cluster API core controllers', () => {
  let plane: CapiManagementPlane;
  const stopSimulator = new AbortController();
  let simulatorRunning: Promise<void> | undefined;
  let managers: ReadonlyMap<string, LocalManager>;
  const get = (path: string) =>
    plane.env.transport.request<KubeObject & { status?: Record<string, unknown> }>({ method: 'GET', path });

  beforeAll(async () => {
    plane = await initManagementPlane(resolveCapiBinaries());
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
    stopSimulator.abort();
    await simulatorRunning;
    await plane?.stop();
  });

  it('provisions the infrastructure and initializes an available control plane from the Incus flavor of the Kamaji release, as clusterctl describe shows', async () => {
    const kamajiRelease = plane.providers.find((p) => p.release.label === 'control-plane-kamaji');
    const template = path.join(kamajiRelease?.release.directory ?? '', 'cluster-template-incus.yaml');
    const generated = await plane.clusterctl.run(
      [
        'generate',
        'cluster',
        CLUSTER,
        '--from',
        template,
        '--kubernetes-version',
        'v1.33.0',
        '--worker-machine-count',
        '0',
        '--target-namespace',
        NAMESPACE,
      ],
      60_000,
      { LXC_SECRET_NAME: 'incus-identity' },
    );
    const file = path.join(plane.workDir, `${CLUSTER}.yaml`);
    writeFileSync(file, generated.stdout);
    const objects = readYamlObjects(file).filter((o) =>
      ['Cluster', 'LXCCluster', 'KamajiControlPlane'].includes(o.kind ?? ''),
    );
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
});
