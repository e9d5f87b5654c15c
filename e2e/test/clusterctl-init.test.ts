import path from 'node:path';
import { componentsFileName, type KubeObject } from '@capi-ts/sdk';
import { resolveCapiBinaries } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CapiManagementPlane, initManagementPlane } from '../src/capi-management-plane.js';
import { objectKey, readYamlObjects } from '../src/components.js';
import { declaredContract } from '../src/release-contract.js';
import { collectionPath } from '../src/resource-paths.js';

// Scenario 1: `clusterctl init` of the Cluster API core and every provider release of this repository, from a local
// repository, offline; then the managers run against what it installed.
describe('clusterctl init from the local repository', () => {
  let plane: CapiManagementPlane;
  const ours = () => plane.providers.filter((p) => p.type !== 'CoreProvider');
  const list = async (kind: string, labelSelector: string) =>
    (
      await plane.env.transport.request<{ items: KubeObject[] }>({
        method: 'GET',
        path: collectionPath(kind),
        query: { labelSelector },
      })
    ).items.map((o) => ({ ...o, kind }));

  beforeAll(async () => {
    plane = await initManagementPlane(resolveCapiBinaries());
  }, 600_000);
  afterAll(async () => {
    await plane?.stop();
  });

  it('installs the core provider and every release of the repository, at their versions', async () => {
    const inventory = await plane.env.transport.request<{
      items: Array<KubeObject & { providerName: string; type: string; version: string }>;
    }>({ method: 'GET', path: '/apis/clusterctl.cluster.x-k8s.io/v1alpha3/providers' });
    expect(inventory.items.map((p) => `${p.type} ${p.providerName} ${p.version}`).sort()).toEqual(
      plane.providers.map((p) => `${p.type} ${p.name} ${p.version}`).sort(),
    );
    expect(plane.providers.map((p) => p.release.label)).toEqual(
      expect.arrayContaining(['cluster-api', 'bootstrap-microk8s', 'control-plane-kamaji', 'control-plane-microk8s']),
    );
    expect(plane.initOutput).toContain('Installing cert-manager');
  });

  it('installs exactly the objects of our components, labelled by clusterctl', async () => {
    for (const provider of ours()) {
      const components = readYamlObjects(provider.url);
      const selector = `cluster.x-k8s.io/provider=${provider.release.label}`;
      const kinds = [...new Set(components.map((o) => o.kind ?? ''))];
      const installed = (await Promise.all(kinds.map((kind) => list(kind, selector)))).flat();
      expect(installed.map(objectKey).sort(), provider.release.label).toEqual(components.map(objectKey).sort());
      for (const object of installed) {
        expect(object.metadata.labels, objectKey(object)).toHaveProperty(['clusterctl.cluster.x-k8s.io'], '');
      }
    }
  });

  it('installs our CRDs with their Cluster API contract labels', async () => {
    for (const provider of ours()) {
      const crds = await list('CustomResourceDefinition', `cluster.x-k8s.io/provider=${provider.release.label}`);
      expect(crds.length, provider.release.label).toBeGreaterThan(0);
      const contract = declaredContract(provider.release);
      expect(contract, provider.release.label).toMatch(/^v1beta[12]$/);
      for (const crd of crds)
        expect(crd.metadata.labels, crd.metadata.name).toHaveProperty([`cluster.x-k8s.io/${contract}`]);
    }
  });

  it('renders each manager Deployment with the default image of the release', async () => {
    for (const provider of ours()) {
      const [deployment] = (await list('Deployment', `cluster.x-k8s.io/provider=${provider.release.label}`)) as Array<
        KubeObject & { spec: { template: { spec: { containers: Array<{ name: string; image: string }> } } } }
      >;
      const manager = deployment?.spec.template.spec.containers.find((c) => c.name === 'manager');
      expect(manager?.image, provider.release.label).toMatch(
        new RegExp(`^ghcr\\.io/capi-ts/[a-z0-9-]+:${provider.version}$`),
      );
      expect(path.basename(provider.url)).toBe(componentsFileName(provider.type));
    }
  });

  it('runs the Cluster API core manager and every provider with an entry point against what was installed', async () => {
    const managers = await plane.startManagers();
    const expected = plane.providers.filter((p) => p.type === 'CoreProvider' || p.release.package?.hasEntryPoint);
    expect([...managers.keys()].sort()).toEqual(expected.map((p) => p.release.label).sort());
    for (const [label, manager] of managers) expect(manager.process.isRunning, label).toBe(true);
  }, 400_000);
});
