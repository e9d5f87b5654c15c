// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildComponents,
  buildMetadata,
  type ProviderRelease,
  releaseSeriesFor,
  renderClusterctlConfig,
  renderComponentsYaml,
  renderMetadataYaml,
  writeLocalRepository,
} from '../../src/release/index.js';
import { sampleSpec } from './sample-provider.js';

const metadata = buildMetadata({
  releaseSeries: [
    { major: 0, minor: 1, contract: 'v1beta2' },
    { major: 0, minor: 2, contract: 'v1beta2' },
  ],
});

const template = [
  'apiVersion: cluster.x-k8s.io/v1beta2',
  'kind: Cluster',
  'metadata:',
  '  name: ${CLUSTER_NAME}',
  '  namespace: ${NAMESPACE}',
].join('\n');

describe('buildMetadata', () => {
  it('renders the metadata.yaml clusterctl reads', () => {
    expect(parse(renderMetadataYaml(metadata))).toEqual({
      apiVersion: 'clusterctl.cluster.x-k8s.io/v1alpha3',
      kind: 'Metadata',
      releaseSeries: [
        { major: 0, minor: 1, contract: 'v1beta2' },
        { major: 0, minor: 2, contract: 'v1beta2' },
      ],
    });
  });

  it('finds the release series of a version by major.minor', () => {
    expect(releaseSeriesFor(metadata, 'v0.2.7')).toEqual({ major: 0, minor: 2, contract: 'v1beta2' });
    expect(releaseSeriesFor(metadata, 'v0.1.0-rc.1')?.minor).toBe(1);
    expect(releaseSeriesFor(metadata, 'v1.0.0')).toBeUndefined();
  });

  it('rejects what clusterctl rejects', () => {
    expect(() => buildMetadata({ releaseSeries: [] })).toThrow(/at least one/);
    expect(() => buildMetadata({ releaseSeries: [{ major: 0, minor: 1.5, contract: 'v1beta2' }] })).toThrow(
      /whole non-negative/,
    );
    expect(() => buildMetadata({ releaseSeries: [{ major: 0, minor: 1, contract: 'beta2' }] })).toThrow(/contract/);
    const twice = { major: 0, minor: 1, contract: 'v1beta2' };
    expect(() => buildMetadata({ releaseSeries: [twice, twice] })).toThrow(/listed twice/);
  });
});

describe('writeLocalRepository', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'capi-ts-release-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const release: ProviderRelease = {
    provider: sampleSpec.provider,
    version: 'v0.1.0',
    components: buildComponents(sampleSpec),
    metadata,
    templates: { 'cluster-template.yaml': template, 'cluster-template-kamaji.yaml': `${template}\n# kamaji` },
    clusterClasses: { 'clusterclass-sample-default.yaml': 'kind: ClusterClass\n' },
  };

  it('writes {root}/{manifest label}/{version}/ with the file names clusterctl looks for', async () => {
    const entry = await writeLocalRepository(root, release);
    const directory = path.join(root, 'infrastructure-sample', 'v0.1.0');
    expect(entry.directory).toBe(directory);
    expect(readdirSync(root)).toEqual(['infrastructure-sample']);
    expect(readdirSync(path.join(root, 'infrastructure-sample'))).toEqual(['v0.1.0']);
    expect(readdirSync(directory).sort()).toEqual([
      'cluster-template-kamaji.yaml',
      'cluster-template.yaml',
      'clusterclass-sample-default.yaml',
      'infrastructure-components.yaml',
      'metadata.yaml',
    ]);
    expect(entry.files).toEqual(readdirSync(directory).sort());
    expect(entry.componentsPath).toBe(path.join(directory, 'infrastructure-components.yaml'));
    expect(entry.url).toBe(pathToFileURL(entry.componentsPath).href);
    expect(entry.url).toMatch(/^file:\/\/\/.*\/infrastructure-sample\/v0\.1\.0\/infrastructure-components\.yaml$/);
  });

  it('writes the rendered components, metadata and templates byte for byte', async () => {
    const entry = await writeLocalRepository(root, release);
    const read = (name: string) => readFileSync(path.join(entry.directory, name), 'utf8');
    expect(read('infrastructure-components.yaml')).toBe(renderComponentsYaml(buildComponents(sampleSpec)));
    expect(read('metadata.yaml')).toBe(renderMetadataYaml(metadata));
    expect(read('cluster-template.yaml')).toBe(template);
    expect(read('clusterclass-sample-default.yaml')).toBe('kind: ClusterClass\n');
  });

  it('names the components file after the provider type and accepts rendered YAML', async () => {
    const entry = await writeLocalRepository(root, {
      provider: { name: 'kamaji', type: 'ControlPlaneProvider' },
      version: 'v0.2.3',
      components: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kamaji-system\n',
      metadata,
    });
    expect(entry.directory).toBe(path.join(root, 'control-plane-kamaji', 'v0.2.3'));
    expect(entry.files).toEqual(['control-plane-components.yaml', 'metadata.yaml']);
  });

  it('replaces the version folder as a whole and leaves other versions alone', async () => {
    await writeLocalRepository(root, { ...release, version: 'v0.2.0' });
    const first = await writeLocalRepository(root, release);
    writeFileSync(path.join(first.directory, 'cluster-template-stale.yaml'), 'stale');
    await writeLocalRepository(root, { ...release, templates: {} });
    expect(readdirSync(first.directory).sort()).toEqual([
      'clusterclass-sample-default.yaml',
      'infrastructure-components.yaml',
      'metadata.yaml',
    ]);
    expect(statSync(path.join(root, 'infrastructure-sample', 'v0.2.0', 'cluster-template.yaml')).isFile()).toBe(true);
  });

  it('refuses what clusterctl would refuse, before writing anything', async () => {
    const attempts: Array<[Partial<ProviderRelease>, RegExp]> = [
      [
        { version: 'v1.0.0' },
        /version v1.0.0 for the provider infrastructure-sample does not match any release series/,
      ],
      [{ version: '0.1' }, /not a semantic version/],
      [{ templates: { 'template.yaml': template } }, /cluster-template.yaml or cluster-template-<flavor>.yaml/],
      [{ clusterClasses: { 'class.yaml': '' } }, /clusterclass-<name>.yaml/],
      [{ templates: { 'cluster-template.yaml': 'name: ${BROKEN' } }, /bad substitution/],
      [{ components: 'kind: Namespace\n---\nkind: Namespace\n' }, /at most one Namespace/],
      [{ components: 'a: [unclosed\n' }, /invalid YAML/],
    ];
    for (const [override, message] of attempts) {
      await expect(writeLocalRepository(root, { ...release, ...override })).rejects.toThrow(message);
    }
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('renderClusterctlConfig', () => {
  const base = '/abs/repo';

  it('renders providers, cert-manager, the version-check switch and variables', () => {
    const text = renderClusterctlConfig({
      providers: [
        { name: 'cluster-api', type: 'CoreProvider', url: `file://${base}/cluster-api/v1.14.0/core-components.yaml` },
        {
          name: 'sample',
          type: 'InfrastructureProvider',
          url: `${base}/infrastructure-sample/v0.1.0/infrastructure-components.yaml`,
        },
        { name: 'kamaji', type: 'ControlPlaneProvider', url: `${base}/control-plane-kamaji/latest/components.yaml` },
        {
          name: 'microk8s',
          type: 'BootstrapProvider',
          url: 'https://github.com/canonical/cluster-api-bootstrap-provider-microk8s/releases/latest/bootstrap-components.yaml',
        },
      ],
      certManager: { url: `${base}/cert-manager/v1.21.1/cert-manager.yaml`, version: 'v1.21.1' },
      disableVersionCheck: true,
      variables: { SAMPLE_ENDPOINT: 'https://10.0.0.1:8443', CAPX_CONCURRENCY: '5' },
    });
    expect(parse(text)).toEqual({
      providers: [
        { name: 'cluster-api', type: 'CoreProvider', url: 'file:///abs/repo/cluster-api/v1.14.0/core-components.yaml' },
        {
          name: 'sample',
          type: 'InfrastructureProvider',
          url: '/abs/repo/infrastructure-sample/v0.1.0/infrastructure-components.yaml',
        },
        { name: 'kamaji', type: 'ControlPlaneProvider', url: '/abs/repo/control-plane-kamaji/latest/components.yaml' },
        {
          name: 'microk8s',
          type: 'BootstrapProvider',
          url: 'https://github.com/canonical/cluster-api-bootstrap-provider-microk8s/releases/latest/bootstrap-components.yaml',
        },
      ],
      'cert-manager': { url: '/abs/repo/cert-manager/v1.21.1/cert-manager.yaml', version: 'v1.21.1' },
      CLUSTERCTL_DISABLE_VERSIONCHECK: 'true',
      SAMPLE_ENDPOINT: 'https://10.0.0.1:8443',
      CAPX_CONCURRENCY: '5',
    });
    expect(text).toContain('CLUSTERCTL_DISABLE_VERSIONCHECK: "true"');
  });

  it('accepts the URL that writeLocalRepository returns', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'capi-ts-release-'));
    try {
      const entry = await writeLocalRepository(root, {
        provider: sampleSpec.provider,
        version: 'v0.1.0',
        components: buildComponents(sampleSpec),
        metadata,
      });
      const config = renderClusterctlConfig({ providers: [{ ...entry.provider, url: entry.url }] });
      expect(parse(config).providers[0].url).toBe(entry.url);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('checks local URLs the way clusterctl does', () => {
    const infra = (url: string) =>
      renderClusterctlConfig({ providers: [{ name: 'sample', type: 'InfrastructureProvider', url }] });
    expect(() => infra('repo/infrastructure-sample/v0.1.0/infrastructure-components.yaml')).toThrow(/absolute path/);
    expect(() => infra('/repo/sample/v0.1.0/infrastructure-components.yaml')).toThrow(
      /must contain provider "infrastructure-sample"/,
    );
    expect(() => infra('/repo/infrastructure-sample/main/infrastructure-components.yaml')).toThrow(
      /not a semantic version/,
    );
    expect(() => infra('ftp://host/infrastructure-sample/v0.1.0/c.yaml')).toThrow(/unsupported URL scheme/);
    expect(() =>
      renderClusterctlConfig({ providers: [], certManager: { url: '/repo/certmanager/v1.21.1/cert-manager.yaml' } }),
    ).toThrow(/must contain provider "cert-manager"/);
  });

  it('rejects duplicate providers and variable names clusterctl cannot read', () => {
    const url = '/repo/infrastructure-sample/v0.1.0/infrastructure-components.yaml';
    const entry = { name: 'sample', type: 'InfrastructureProvider' as const, url };
    expect(() => renderClusterctlConfig({ providers: [entry, entry] })).toThrow(/listed twice/);
    expect(() => renderClusterctlConfig({ providers: [], variables: { 'lower-case': 'x' } })).toThrow(
      /UPPER_CASE_WITH_UNDERSCORES/,
    );
  });
});
