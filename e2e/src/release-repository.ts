import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CapiBinaries } from '@capi-ts/sdk/testing';
import { run } from './run.js';
import { type ProviderPackage, providerPackages } from './workspace.js';

/** One provider release in a clusterctl local repository. */
export interface RepositoryRelease {
  /** The folder name, clusterctl's manifest label: `bootstrap-microk8s`, `control-plane-kamaji`, `cluster-api`... */
  readonly label: string;
  /** e.g. `v0.1.0` */
  readonly version: string;
  /** `<root>/<label>/<version>` */
  readonly directory: string;
  /** The package that wrote it; absent for the Cluster API core release. */
  readonly package?: ProviderPackage;
}

/**
 * Writes the release of every provider package that has a `release` script into `root`, as `pnpm release` does
 * through turbo (each package runs `pnpm run release --out <folder>`, two at a time), and returns what each wrote.
 */
export async function writeProviderReleases(root: string): Promise<RepositoryRelease[]> {
  const packages = providerPackages().filter((p) => p.hasRelease);
  const written: RepositoryRelease[][] = [];
  for (let i = 0; i < packages.length; i += 2) {
    written.push(...(await Promise.all(packages.slice(i, i + 2).map((pkg) => writeRelease(root, pkg)))));
  }
  return written.flat();
}

async function writeRelease(root: string, pkg: ProviderPackage): Promise<RepositoryRelease[]> {
  const staging = path.join(root, '.staging', path.basename(pkg.directory));
  await rm(staging, { recursive: true, force: true });
  await run('pnpm', ['run', '--silent', 'release', '--out', staging], { cwd: pkg.directory, timeoutMs: 180_000 });
  const releases: RepositoryRelease[] = [];
  for (const key of await listReleases(staging)) {
    const [label, version] = key.split('/') as [string, string];
    const directory = path.join(root, label, version);
    await rm(directory, { recursive: true, force: true });
    await cp(path.join(staging, key), directory, { recursive: true });
    releases.push({ label, version, directory, package: pkg });
  }
  await rm(staging, { recursive: true, force: true });
  if (releases.length === 0) throw new Error(`${pkg.name}: pnpm release wrote no release`);
  return releases;
}

/** Copies the Cluster API core release built by scripts/capi-binaries.sh into `root/cluster-api/<version>`. */
export async function addCoreRelease(root: string, binaries: CapiBinaries): Promise<RepositoryRelease> {
  const version = path.basename(binaries.coreRelease);
  const directory = path.join(root, 'cluster-api', version);
  await cp(binaries.coreRelease, directory, { recursive: true });
  return { label: 'cluster-api', version, directory };
}

/** `<label>/<version>` of every release folder under `root`. */
async function listReleases(root: string): Promise<string[]> {
  const keys: string[] = [];
  for (const label of (await readdir(root)).filter((name) => !name.startsWith('.'))) {
    for (const version of await readdir(path.join(root, label)).catch(() => [])) keys.push(`${label}/${version}`);
  }
  return keys;
}
