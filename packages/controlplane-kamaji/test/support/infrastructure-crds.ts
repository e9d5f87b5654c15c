import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CAPO release whose OpenStackCluster and OpenStackMachineTemplate the OpenStack flavor is written for. */
export const CAPO_VERSION = 'v0.14.7';

/**
 * The folder of CAPO's CRDs, from the `sigs.k8s.io/cluster-api-provider-openstack` Go module (downloaded once into
 * Go's module cache, as the test set-up does for Cluster API's CRDs).
 */
export function openStackCrdDirectory(): string {
  const workDir = mkdtempSync(path.join(tmpdir(), 'capo-crds-'));
  const output = execFileSync(
    'go',
    ['mod', 'download', '-json', `sigs.k8s.io/cluster-api-provider-openstack@${CAPO_VERSION}`],
    { cwd: workDir, env: { ...process.env, GOFLAGS: '-mod=mod' }, encoding: 'utf8' },
  );
  const { Dir: dir, Error: error } = JSON.parse(output) as { Dir?: string; Error?: string };
  if (!dir) throw new Error(`go mod download of CAPO ${CAPO_VERSION} failed: ${error ?? output}`);
  return path.join(dir, 'config/crd/bases');
}

/**
 * The folder of this project's LXC (Incus) infrastructure CRDs, once `@capi-ts/provider-incus` generates them;
 * `undefined` before.
 */
export function incusCrdDirectory(): string | undefined {
  const dir = fileURLToPath(new URL('../../../provider-incus/config/crd/bases', import.meta.url));
  return existsSync(dir) ? dir : undefined;
}
