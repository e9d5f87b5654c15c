import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildComponents } from './components.js';
import type { ComponentsSpec } from './components-spec.js';
import { type LocalRepositoryEntry, writeLocalRepository } from './local-repository.js';
import type { ClusterctlMetadata } from './metadata.js';
import type { ProviderRef } from './provider.js';

/** What a provider's `pnpm release` command writes; see {@link runReleaseCommand}. */
export interface ReleaseCommandOptions {
  readonly provider: ProviderRef;
  /** URL of the provider's `package.json`; its version, prefixed with `v`, is the default release version. */
  readonly packageJson: URL;
  /** The components of the release of `version` (its manager image is usually tagged with it). */
  readonly components: (version: string) => ComponentsSpec;
  readonly metadata: ClusterctlMetadata;
  /** The command-line arguments; `process.argv.slice(2)` unless given. */
  readonly args?: readonly string[];
  /** Where the one-line summary goes; `process.stdout` unless given. */
  readonly output?: { write(text: string): unknown };
}

/** Default `--out` folder of {@link runReleaseCommand}, relative to the working directory. */
export const DEFAULT_RELEASE_OUT_DIR = 'dist/clusterctl-repository';

/**
 * A provider's release command, `release [--out <dir>] [--version vX.Y.Z]`: writes `<type>-components.yaml` and
 * `metadata.yaml` in the layout of a clusterctl local repository, `<out>/<manifest label>/<version>/` (see
 * `writeLocalRepository`), and prints which files it wrote where. The version defaults to the package's.
 */
export async function runReleaseCommand(options: ReleaseCommandOptions): Promise<LocalRepositoryEntry> {
  const { values } = parseArgs({
    args: [...(options.args ?? process.argv.slice(2))],
    options: { out: { type: 'string', default: DEFAULT_RELEASE_OUT_DIR }, version: { type: 'string' } },
  });
  const version = values.version ?? `v${packageVersion(options.packageJson)}`;
  const entry = await writeLocalRepository(values.out, {
    provider: options.provider,
    version,
    components: buildComponents(options.components(version)),
    metadata: options.metadata,
  });
  (options.output ?? process.stdout).write(`${entry.files.join(', ')} written to ${entry.directory}\n`);
  return entry;
}

function packageVersion(packageJson: URL): string {
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error(`${packageJson.pathname} has no version`);
  return version;
}
