import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pinned versions of what the harness runs; `scripts/kube-assets.sh` builds exactly these. */
export const KUBERNETES_VERSION = '1.36.3';
export const ETCD_VERSION = '3.6.16';
export const CLUSTER_API_VERSION = '1.14.2';

const SCRIPT = path.join('scripts', 'kube-assets.sh');

/** Where `kube-apiserver` and `etcd` live. */
export interface KubeAssets {
  directory: string;
  kubeApiServer: string;
  etcd: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds the repository that carries `scripts/kube-assets.sh`, starting from the working directory and this module. */
export function findAssetsScript(): string | undefined {
  const starts = [process.cwd(), path.dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = path.join(dir, SCRIPT);
      if (existsSync(candidate)) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

function runAssetsScript(args: string[] = []): string {
  const script = findAssetsScript();
  if (!script) {
    throw new Error(
      'No kube-apiserver/etcd binaries: set KUBEBUILDER_ASSETS to a folder holding `kube-apiserver` and `etcd` ' +
        `(Kubernetes ${KUBERNETES_VERSION}, etcd ${ETCD_VERSION}; e.g. from \`setup-envtest use ${KUBERNETES_VERSION} -p path\`), ` +
        'or run the tests from a checkout of this repository so scripts/kube-assets.sh can build them with Go.',
    );
  }
  return execFileSync('bash', [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/**
 * Resolves the API server binaries: `KUBEBUILDER_ASSETS` first, then the repository and user caches, and only
 * then a build from the Go modules (once; later runs reuse the cache). Throws a message naming what to install
 * or set when none of these is possible.
 */
export function resolveKubeAssets(): KubeAssets {
  const fromEnv = process.env.KUBEBUILDER_ASSETS;
  const directory = fromEnv && fromEnv.length > 0 ? fromEnv : runAssetsScript().split('\n').pop();
  if (!directory) throw new Error('scripts/kube-assets.sh printed no asset folder');
  const assets = {
    directory,
    kubeApiServer: path.join(directory, 'kube-apiserver'),
    etcd: path.join(directory, 'etcd'),
  };
  for (const binary of [assets.kubeApiServer, assets.etcd]) {
    if (!isExecutable(binary)) {
      throw new Error(
        `${binary} is missing or not executable` +
          (fromEnv ? ' (KUBEBUILDER_ASSETS must name a folder with both kube-apiserver and etcd)' : ''),
      );
    }
  }
  return assets;
}

/**
 * The folder with the Cluster API core CRDs (Cluster, Machine, MachineSet, MachineDeployment, ClusterClass,
 * MachineHealthCheck, MachinePool, ...) at {@link CLUSTER_API_VERSION}, taken from the `sigs.k8s.io/cluster-api`
 * Go module and cached. `CAPI_CRDS_DIR` overrides it.
 */
export function clusterApiCrdDirectory(): string {
  const fromEnv = process.env.CAPI_CRDS_DIR;
  if (fromEnv && fromEnv.length > 0) return fromEnv;
  const assets = runAssetsScript(['--capi-crds']);
  const dir = assets.split('\n').pop();
  if (!dir || !existsSync(dir)) throw new Error(`Cluster API CRDs were not found at ${dir ?? '(nothing printed)'}`);
  return dir;
}
