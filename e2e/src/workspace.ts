import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A provider package of this repository. */
export interface ProviderPackage {
  /** npm name, e.g. `@capi-ts/bootstrap-microk8s`. */
  readonly name: string;
  readonly version: string;
  /** Absolute folder, `<repo>/packages/<folder>`. */
  readonly directory: string;
  /** It has a `release` script (writes its clusterctl release). */
  readonly hasRelease: boolean;
  /** It has a manager entry point, `src/main.ts` (what its image runs, bundled). */
  readonly hasEntryPoint: boolean;
}

/** Every package under `packages/` except the SDK, sorted by folder. */
export function providerPackages(): ProviderPackage[] {
  const root = path.join(REPOSITORY_ROOT, 'packages');
  return readdirSync(root)
    .sort()
    .map((folder) => path.join(root, folder))
    .filter((directory) => existsSync(path.join(directory, 'package.json')) && path.basename(directory) !== 'sdk')
    .map((directory) => {
      const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
        scripts?: Record<string, string>;
      };
      return {
        name: manifest.name,
        version: manifest.version,
        directory,
        hasRelease: Boolean(manifest.scripts?.release),
        hasEntryPoint: existsSync(path.join(directory, 'src', 'main.ts')),
      };
    });
}
