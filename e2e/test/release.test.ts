// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { componentsFileName, type KubeObject, manifestLabel, PROVIDER_TYPES, type ProviderType } from '@capi-ts/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readYamlObjects } from '../src/components.js';
import { declaredContract } from '../src/release-contract.js';
import { type RepositoryRelease, writeProviderReleases } from '../src/release-repository.js';
import { providerPackages } from '../src/workspace.js';

/** The provider type of a manifest label (`control-plane-kamaji` → ControlPlaneProvider). */
function typeOfLabel(label: string): ProviderType {
  const type = PROVIDER_TYPES.find(
    (t) => t !== 'CoreProvider' && label.startsWith(manifestLabel({ name: '', type: t })),
  );
  if (!type) throw new Error(`${label} is not a manifest label`);
  return type;
}

describe('pnpm release: the clusterctl local repository of every provider', () => {
  let root: string;
  let releases: RepositoryRelease[];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'capi-ts-release-'));
    releases = await writeProviderReleases(root);
  }, 240_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has one release per provider package with a release script, at the package version', () => {
    const expected = providerPackages().filter((p) => p.hasRelease);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(releases.map((r) => `${r.package?.name} ${r.version}`).sort()).toEqual(
      expected.map((p) => `${p.name} v${p.version}`).sort(),
    );
  });

  it('writes <label>/<version>/ with the components, metadata.yaml and only cluster-template*.yaml besides', () => {
    for (const release of releases) {
      const components = componentsFileName(typeOfLabel(release.label));
      const files = readdirSync(release.directory);
      expect(files, release.label).toContain(components);
      expect(files, release.label).toContain('metadata.yaml');
      for (const file of files) {
        expect(file, release.label).toMatch(
          new RegExp(
            `^(${components.replace('.', '\\.')}|metadata\\.yaml|cluster-template(-[a-z0-9.-]+)?\\.yaml|clusterclass-[a-z0-9.-]+\\.yaml)$`,
          ),
        );
      }
    }
  });

  it('declares the release series of the version with a contract clusterctl v1.14 accepts', () => {
    for (const release of releases) {
      const metadata = parse(readFileSync(path.join(release.directory, 'metadata.yaml'), 'utf8'));
      expect(metadata.apiVersion).toBe('clusterctl.cluster.x-k8s.io/v1alpha3');
      expect(metadata.kind).toBe('Metadata');
      const [major, minor] = release.version.slice(1).split('.').map(Number);
      const series = metadata.releaseSeries.find(
        (s: { major: number; minor: number }) => s.major === major && s.minor === minor,
      );
      expect(series?.contract, release.label).toMatch(/^v1beta[12]$/);
    }
  });

  it('puts everything in one namespace, labelled with the provider, and runs a "manager" container from an overridable image', () => {
    for (const release of releases) {
      const objects = readYamlObjects(path.join(release.directory, componentsFileName(typeOfLabel(release.label))));
      const namespaces = objects.filter((o) => o.kind === 'Namespace');
      expect(namespaces, release.label).toHaveLength(1);
      const namespace = namespaces[0]?.metadata.name;
      for (const object of objects) {
        expect(object.metadata.labels?.['cluster.x-k8s.io/provider'], `${release.label} ${object.kind}`).toBe(
          release.label,
        );
        if (object.metadata.namespace !== undefined) expect(object.metadata.namespace).toBe(namespace);
      }
      type Deployment = KubeObject & {
        spec: { template: { spec: { containers: Array<{ name: string; image: string }> } } };
      };
      const deployments = objects.filter((o): o is Deployment => o.kind === 'Deployment');
      expect(deployments, release.label).toHaveLength(1);
      const manager = deployments[0]?.spec.template.spec.containers.find((c) => c.name === 'manager');
      expect(manager?.image, release.label).toMatch(
        new RegExp(`^\\$\\{[A-Z0-9_]+_IMAGE:=[^}]+:${release.version}\\}$`),
      );
    }
  });

  it('ships the CRDs the package generated (config/crd/bases, drift-checked by crds:check) with contract labels', () => {
    for (const release of releases) {
      const contract = declaredContract(release);
      const shipped = readYamlObjects(
        path.join(release.directory, componentsFileName(typeOfLabel(release.label))),
      ).filter((o) => o.kind === 'CustomResourceDefinition') as Array<KubeObject & { spec: Record<string, unknown> }>;
      const basesDir = path.join(release.package?.directory ?? '', 'config', 'crd', 'bases');
      const bases = readdirSync(basesDir).flatMap((file) => readYamlObjects(path.join(basesDir, file))) as Array<
        KubeObject & { spec: Record<string, unknown> }
      >;
      expect(shipped.map((c) => c.metadata.name).sort(), release.label).toEqual(
        bases.map((c) => c.metadata.name).sort(),
      );
      for (const crd of shipped) {
        const base = bases.find((b) => b.metadata.name === crd.metadata.name);
        const { conversion: _shipped, ...shippedSpec } = crd.spec;
        const { conversion: _base, ...baseSpec } = base?.spec ?? {};
        expect(shippedSpec, `${crd.metadata.name}`).toEqual(baseSpec);
        expect(Object.keys(crd.metadata.labels ?? {}), `${crd.metadata.name}`).toContain(
          `cluster.x-k8s.io/${contract}`,
        );
      }
    }
  });
});
