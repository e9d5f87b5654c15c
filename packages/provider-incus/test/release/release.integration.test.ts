import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KubeClient, Manager, silentLogger } from '@capi-ts/sdk';
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
import { lxcClusterResource } from '../../src/api/index.js';
import { lxcClusterController } from '../../src/controllers/lxccluster/index.js';
import { releaseComponents, writeRelease } from '../../src/release/index.js';
import { createClusterWithLXCCluster, v1beta2Condition } from '../lxccluster/harness.js';

// The release artifacts: written in the clusterctl local-repository layout, installed on a real API server with
// strict validation, and the LXCCluster controllers run with exactly the RBAC they grant.

const VERSION = 'v0.1.0';
let env: TestEnvironment;
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
  it('writes components, metadata, cluster templates and the ClusterClass in the clusterctl layout', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'capn-release-'));
    try {
      const entry = await writeRelease(['--out', dir, '--version', VERSION]);
      expect(entry.directory).toBe(path.join(dir, 'infrastructure-incus', VERSION));
      expect(entry.files).toEqual([
        'cluster-template-autoscaler.yaml',
        'cluster-template-development.yaml',
        'cluster-template-kube-vip.yaml',
        'cluster-template-ovn.yaml',
        'cluster-template-ubuntu.yaml',
        'cluster-template.yaml',
        'clusterclass-capn-default.yaml',
        'infrastructure-components.yaml',
        'metadata.yaml',
      ]);
      expect(readFileSync(path.join(entry.directory, 'metadata.yaml'), 'utf8')).toContain('contract: v1beta2');
      const template = readFileSync(path.join(entry.directory, 'cluster-template.yaml'), 'utf8');
      expect(template).toBe(readFileSync(new URL('../../templates/cluster-template.yaml', import.meta.url), 'utf8'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names things as CAPN does and carries the contract labels', () => {
    const objects = installedObjects();
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['capn-system']);
    expect(objects.find((o) => o.kind === 'Deployment')?.metadata.name).toBe('capn-controller-manager');
    const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
    expect(crds.map((o) => o.metadata.name).sort()).toEqual([
      'lxcclusters.infrastructure.cluster.x-k8s.io',
      'lxcclustertemplates.infrastructure.cluster.x-k8s.io',
      'lxcmachines.infrastructure.cluster.x-k8s.io',
      'lxcmachinetemplates.infrastructure.cluster.x-k8s.io',
    ]);
    for (const crd of crds) {
      expect(crd.metadata.labels).toMatchObject({
        'cluster.x-k8s.io/provider': 'infrastructure-incus',
        'cluster.x-k8s.io/v1beta1': 'v1alpha2',
        'cluster.x-k8s.io/v1beta2': 'v1alpha2',
      });
    }
    const deployment = JSON.stringify(objects.find((o) => o.kind === 'Deployment'));
    expect(deployment).toContain(`ghcr.io/capi-ts/provider-incus:${VERSION}`);
  });

  it('installs with strict validation, and the LXCCluster controllers work with only the granted RBAC', async () => {
    const objects = installedObjects();
    await applyStrictly(env.transport, objects);
    const { kubeConfig } = await componentsManagerIdentity(env, objects);
    const manager = new Manager({
      kubeConfig,
      metricsBindAddress: '0',
      healthProbeBindAddress: '0',
      logger: silentLogger(),
    });
    manager.add(lxcClusterController({ manager }));
    running = manager.start(stop.signal);

    const client = new KubeClient(env.kubeConfig);
    await eventually(async () => {
      // The CRDs just installed are served.
      await client.list(lxcClusterResource, { namespace: 'default' });
    });
    await createClusterWithLXCCluster(client, 'default', 'vip', {
      controlPlaneEndpoint: { host: '10.0.42.1', port: 6443 },
      loadBalancer: { kubeVIP: {} },
    });
    await createClusterWithLXCCluster(client, 'default', 'no-secret', {
      secretRef: { name: 'absent' },
      loadBalancer: { lxc: {} },
    });
    await eventually(
      async () => {
        const vip = await client.get(lxcClusterResource, { namespace: 'default', name: 'vip' });
        expect(vip.status?.initialization?.provisioned).toBe(true);
        // Reading the (missing) identity Secret is allowed: the condition says it does not exist.
        const noSecret = await client.get(lxcClusterResource, { namespace: 'default', name: 'no-secret' });
        expect(v1beta2Condition(noSecret, 'LoadBalancerAvailable')?.reason).toBe('IdentitySecretNotFound');
      },
      { timeoutMs: 30_000 },
    );
  });
});
