import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CapiLabel,
  capiTypes,
  defineCustomResourceDefinition,
  getCondition,
  KubeClient,
  type Machine,
  type Manager,
  ownerReferenceTo,
  writeLocalRepository,
} from '@capi-ts/sdk';
import {
  applyStrictly,
  clusterApiCrdDirectory,
  componentsManagerIdentity,
  eventually,
  installedComponents,
  startTestEnvironment,
  type TestEnvironment,
} from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicroK8sControlPlane } from '../../src/api/v1beta1/index.js';
import { createManager, parseFlags } from '../../src/manager.js';
import { providerInfo } from '../../src/provider-info.js';
import { releaseComponents, releaseMetadata } from '../../src/release/components.js';
import { DevMachine, DevMachineTemplate } from '../controllers/harness.js';

// The release artifacts install on a real API server, and the manager built by main runs with exactly the RBAC
// they grant, as the ServiceAccount of their Deployment: it clones the infrastructure template and creates the
// MicroK8sConfig and the Machine.

const VERSION = 'v0.1.0';
const ns = 'default';
let env: TestEnvironment;
let manager: Manager | undefined;
const stop = new AbortController();
let running: Promise<void> | undefined;

beforeAll(async () => {
  const contract = { v1beta1: ['v1beta1'], v1beta2: ['v1beta1'] };
  env = await startTestEnvironment({
    crds: [
      clusterApiCrdDirectory(),
      new URL('../../node_modules/@capi-ts/bootstrap-microk8s/config/crd/bases/', import.meta.url).pathname,
      defineCustomResourceDefinition({ versions: [DevMachineTemplate], contract }),
      defineCustomResourceDefinition({ versions: [DevMachine], contract }),
    ],
  });
});
afterAll(async () => {
  stop.abort();
  await running?.catch(() => undefined);
  await env?.stop();
});

const installedObjects = () => installedComponents(releaseComponents(VERSION));

describe('release artifacts', () => {
  it('writes control-plane-components.yaml and metadata.yaml in the clusterctl layout', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cacpm-release-'));
    try {
      const entry = await writeLocalRepository(dir, {
        provider: { name: providerInfo.name, type: providerInfo.type },
        version: VERSION,
        components: releaseComponents(VERSION),
        metadata: releaseMetadata(),
      });
      expect(entry.files).toEqual(['control-plane-components.yaml', 'metadata.yaml']);
      expect(entry.directory).toBe(path.join(dir, 'control-plane-microk8s', VERSION));
      expect(readFileSync(path.join(entry.directory, 'metadata.yaml'), 'utf8')).toContain('contract: v1beta2');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('installs the components on the API server with strict validation', async () => {
    const objects = installedObjects();
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual([
      'capi-microk8s-control-plane-system',
    ]);
    expect(objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name)).toEqual([
      'microk8scontrolplanes.controlplane.cluster.x-k8s.io',
      'microk8scontrolplanetemplates.controlplane.cluster.x-k8s.io',
    ]);
    for (const object of objects) {
      expect(object.metadata.labels?.['cluster.x-k8s.io/provider']).toBe('control-plane-microk8s');
    }
    await applyStrictly(env.transport, objects);
  });

  it('runs the manager from the command line flags with only the granted RBAC', async () => {
    const { kubeConfig, managerFlags } = await componentsManagerIdentity(env, installedObjects());
    manager = createManager(parseFlags(managerFlags), { kubeConfig });
    running = manager.start(stop.signal);
    await manager.elected();

    const client = new KubeClient(env.kubeConfig);
    await client.create(DevMachineTemplate, {
      apiVersion: DevMachineTemplate.apiVersion,
      kind: DevMachineTemplate.kind,
      metadata: { namespace: ns, name: 'rbac' },
      spec: { template: { spec: {} } },
    } as never);
    const cluster = await client.create(capiTypes.cluster, {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { namespace: ns, name: 'rbac' },
      spec: { controlPlaneEndpoint: { host: '192.0.2.1', port: 6443 } },
    });
    await client.mergePatch(
      capiTypes.cluster,
      { namespace: ns, name: 'rbac' },
      { status: { initialization: { infrastructureProvisioned: true } } },
      { subresource: 'status' },
    );
    await client.create(MicroK8sControlPlane, {
      apiVersion: MicroK8sControlPlane.apiVersion,
      kind: MicroK8sControlPlane.kind,
      metadata: {
        namespace: ns,
        name: 'rbac',
        ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })],
      },
      spec: {
        version: 'v1.30.1',
        // The v1beta2 topology reference: its version is looked up in the CRD, which the RBAC must allow.
        machineTemplate: {
          spec: {
            infrastructureRef: { apiGroup: DevMachineTemplate.group, kind: DevMachineTemplate.kind, name: 'rbac' },
          },
        },
      },
    } as MicroK8sControlPlane);
    await eventually(
      async () => {
        const machines = await client.list(capiTypes.machine, {
          namespace: ns,
          labelSelector: `${CapiLabel.clusterName}=rbac`,
        });
        expect(machines.items).toHaveLength(1);
        // Patching the Machine's status (its UpToDate condition) is allowed too.
        expect(getCondition(machines.items[0] as Machine, 'UpToDate')).toMatchObject({ status: 'True' });
        const cp = await client.get(MicroK8sControlPlane, { namespace: ns, name: 'rbac' });
        expect(cp.status?.replicas).toBe(1);
      },
      { timeoutMs: 30_000 },
    );
  });
});
