import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../client/object.js';
import { renderComponentsYaml } from './components.js';
import { parseTemplate } from './envsubst/parser.js';
import { type ClusterctlMetadata, releaseSeriesFor, renderMetadataYaml } from './metadata.js';
import { componentsFileName, manifestLabel, type ProviderRef, validateProvider } from './provider.js';
import { parseReleaseVersion } from './release-version.js';

/** One release of one provider, as files of a clusterctl repository. */
export interface ProviderRelease {
  readonly provider: ProviderRef;
  /** e.g. `v0.1.0`; its `major.minor` must be one of the metadata's release series. */
  readonly version: string;
  /** The components, as objects (see `buildComponents`) or as rendered YAML. */
  readonly components: string | readonly KubeObject[];
  readonly metadata: ClusterctlMetadata;
  /** Cluster templates by file name: `cluster-template.yaml`, `cluster-template-<flavor>.yaml`. */
  readonly templates?: Readonly<Record<string, string>>;
  /** ClusterClasses by file name: `clusterclass-<name>.yaml`. */
  readonly clusterClasses?: Readonly<Record<string, string>>;
}

/** Where {@link writeLocalRepository} put a release. */
export interface LocalRepositoryEntry {
  readonly provider: ProviderRef;
  readonly version: string;
  /** `<root>/<manifest label>/<version>`, absolute. */
  readonly directory: string;
  readonly componentsPath: string;
  /** `file://` URL of the components file, for `providers[].url` of the clusterctl config. */
  readonly url: string;
  /** The file names written in {@link directory}, sorted. */
  readonly files: readonly string[];
}

const TEMPLATE_FILE = /^cluster-template(-[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?\.yaml$/;
const CLUSTER_CLASS_FILE = /^clusterclass-[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.yaml$/;

/**
 * Writes a provider release in the layout of a clusterctl local repository,
 * `<root>/<manifest label>/<version>/{<type>-components.yaml, metadata.yaml, cluster-template*.yaml,
 * clusterclass-*.yaml}`, for `clusterctl init --config` and `clusterctl generate cluster` without network access.
 * The version folder is replaced as a whole, so files of an earlier write do not linger.
 *
 * Checks what clusterctl would reject: a version outside the metadata's release series, components with more than
 * one Namespace, unparsable YAML, malformed `${...}` variables, and file names clusterctl would not find.
 */
export async function writeLocalRepository(rootDir: string, release: ProviderRelease): Promise<LocalRepositoryEntry> {
  validateProvider(release.provider);
  parseReleaseVersion(release.version);
  if (!releaseSeriesFor(release.metadata, release.version)) {
    throw new Error(
      `invalid provider metadata: version ${release.version} for the provider ${manifestLabel(release.provider)} ` +
        'does not match any release series',
    );
  }
  const components =
    typeof release.components === 'string' ? release.components : renderComponentsYaml(release.components);
  validateComponents(components);
  const files = new Map<string, string>([
    [componentsFileName(release.provider.type), components],
    ['metadata.yaml', renderMetadataYaml(release.metadata)],
  ]);
  addNamedFiles(
    files,
    release.templates ?? {},
    TEMPLATE_FILE,
    'cluster-template.yaml or cluster-template-<flavor>.yaml',
  );
  addNamedFiles(files, release.clusterClasses ?? {}, CLUSTER_CLASS_FILE, 'clusterclass-<name>.yaml');

  const directory = path.resolve(rootDir, manifestLabel(release.provider), release.version);
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  for (const [name, text] of files) await writeFile(path.join(directory, name), text);
  const componentsPath = path.join(directory, componentsFileName(release.provider.type));
  return {
    provider: release.provider,
    version: release.version,
    directory,
    componentsPath,
    url: pathToFileURL(componentsPath).href,
    files: [...files.keys()].sort(),
  };
}

function validateComponents(text: string): void {
  parseTemplate(text);
  const documents = parseAllDocuments(text);
  const namespaces = documents.filter((document) => {
    if (document.errors.length > 0) throw new Error(`components: invalid YAML: ${document.errors[0]?.message}`);
    return (document.toJS() as { kind?: unknown } | null)?.kind === 'Namespace';
  });
  if (namespaces.length > 1) throw new Error('components: there must be at most one Namespace object');
}

function addNamedFiles(
  files: Map<string, string>,
  named: Readonly<Record<string, string>>,
  pattern: RegExp,
  expected: string,
): void {
  for (const [name, text] of Object.entries(named)) {
    if (!pattern.test(name)) throw new Error(`${name}: file name must be ${expected}`);
    parseTemplate(text);
    files.set(name, text);
  }
}
