import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KubeClient, type Manager, writeLocalRepository } from '@capi-ts/sdk';
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
import { MicroK8sConfig } from '../../src/api/v1beta1/index.js';
import { createManager, parseFlags } from '../../src/manager.js';
import { providerInfo } from '../../src/provider-info.js';
import { releaseComponents, releaseMetadata } from '../../src/release/components.js';
import { createCluster, createMachineWithConfig, patchClusterStatus } from '../controllers/harness.js';

// The release artifacts install on a real API server, and the manager built by main runs with exactly the RBAC
// they grant, as the ServiceAccount of their Deployment.

const VERSION = 'v0.1.0';
let env: TestEnvironment;
let manager: Manager | undefined;
const stop = new AbortController();
let running: Promise<void> | undefined;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [clusterApiCrdDirectory()] });
});
afterAll(async () => {
  stop.abort();
  await running?.catch(() => undefined);
  await env?.stop();
});

const installedObjects = () => installedComponents(releaseComponents(VERSION));

describe('release artifacts', () => {
  it('writes bootstrap-components.yaml and metadata.yaml in the clusterctl layout', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cabpm-release-'));
    try {
      const entry = await writeLocalRepository(dir, {
        provider: { name: providerInfo.name, type: providerInfo.type },
        version: VERSION,
        components: releaseComponents(VERSION),
        metadata: releaseMetadata(),
      });
      expect(entry.files).toEqual(['bootstrap-components.yaml', 'metadata.yaml']);
      expect(entry.directory).toBe(path.join(dir, 'bootstrap-microk8s', VERSION));
      const metadata = readFileSync(path.join(entry.directory, 'metadata.yaml'), 'utf8');
      expect(metadata).toContain('contract: v1beta2');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('installs the components on the API server with strict validation', async () => {
    const objects = installedObjects();
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual([
      'capi-microk8s-bootstrap-system',
    ]);
    expect(objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name)).toEqual([
      'microk8sconfigs.bootstrap.cluster.x-k8s.io',
      'microk8sconfigtemplates.bootstrap.cluster.x-k8s.io',
    ]);
    for (const object of objects) {
      expect(object.metadata.labels?.['cluster.x-k8s.io/provider']).toBe('bootstrap-microk8s');
    }
    await applyStrictly(env.transport, objects);
  });

  it('runs the manager from the command line flags with only the granted RBAC', async () => {
    const { kubeConfig, managerFlags } = await componentsManagerIdentity(env, installedObjects());
    manager = createManager(parseFlags(managerFlags), { kubeConfig });
    running = manager.start(stop.signal);
    await manager.elected();
    const probe = manager.healthProbeAddress;
    await eventually(async () => {
      const response = await fetch(`http://${probe?.host}:${probe?.port}/readyz`);
      expect(response.status).toBe(200);
    });

    const client = new KubeClient(env.kubeConfig);
    const cluster = await createCluster(client, 'default', 'rbac');
    await createMachineWithConfig(client, cluster, 'rbac-cp', { controlPlane: true });
    await patchClusterStatus(client, cluster, { infrastructureProvisioned: true });
    await eventually(
      async () =>
        expect((await client.get(MicroK8sConfig, { namespace: 'default', name: 'rbac-cp' })).status?.ready).toBe(true),
      { timeoutMs: 30_000 },
    );
  });
});
