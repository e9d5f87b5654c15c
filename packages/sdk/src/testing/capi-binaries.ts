import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLUSTER_API_VERSION } from './assets.js';

const SCRIPT = path.join('scripts', 'capi-binaries.sh');

/** The Cluster API programs built from the `sigs.k8s.io/cluster-api` Go module at {@link CLUSTER_API_VERSION}. */
export interface CapiBinaries {
  readonly directory: string;
  /** `clusterctl` */
  readonly clusterctl: string;
  /** The core controller manager (`sigs.k8s.io/cluster-api/core`). */
  readonly coreManager: string;
  /** The kubeadm bootstrap controller manager (`sigs.k8s.io/cluster-api/bootstrap/kubeadm`). */
  readonly kubeadmBootstrapManager: string;
  /**
   * The core provider's clusterctl release folder, `<directory>/cluster-api/v<version>`, holding
   * `core-components.yaml` and `metadata.yaml` as upstream publishes them.
   */
  readonly coreRelease: string;
}

/**
 * Finds (or builds, once) the Cluster API binaries the end-to-end scenarios run. `CAPI_BINARIES` names a folder that
 * holds them; otherwise `scripts/capi-binaries.sh` of this repository reuses its caches or builds them with Go (the
 * first build takes several minutes). Throws a message saying what to set or install when neither is possible.
 */
export function resolveCapiBinaries(): CapiBinaries {
  const fromEnv = process.env.CAPI_BINARIES;
  const directory = fromEnv && fromEnv.length > 0 ? fromEnv : runBuildScript();
  const binaries: CapiBinaries = {
    directory,
    clusterctl: path.join(directory, 'clusterctl'),
    coreManager: path.join(directory, 'cluster-api-manager'),
    kubeadmBootstrapManager: path.join(directory, 'kubeadm-bootstrap-manager'),
    coreRelease: path.join(directory, 'cluster-api', `v${CLUSTER_API_VERSION}`),
  };
  const hint = fromEnv ? ` (CAPI_BINARIES=${fromEnv} must hold the output of scripts/capi-binaries.sh)` : '';
  for (const binary of [binaries.clusterctl, binaries.coreManager, binaries.kubeadmBootstrapManager]) {
    if (!isExecutable(binary)) throw new Error(`${binary} is missing or not executable${hint}`);
  }
  for (const file of ['core-components.yaml', 'metadata.yaml']) {
    if (!existsSync(path.join(binaries.coreRelease, file))) {
      throw new Error(`${path.join(binaries.coreRelease, file)} is missing${hint}`);
    }
  }
  return binaries;
}

function runBuildScript(): string {
  const script = findScript();
  if (!script) {
    throw new Error(
      `No Cluster API binaries: set CAPI_BINARIES to a folder made by scripts/capi-binaries.sh (Cluster API ` +
        `v${CLUSTER_API_VERSION}), or run from a checkout of this repository so that the script can build them with Go.`,
    );
  }
  const output = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const directory = output.trim().split('\n').pop();
  if (!directory) throw new Error(`${script} printed no folder`);
  return directory;
}

function findScript(): string | undefined {
  for (const start of [process.cwd(), path.dirname(fileURLToPath(import.meta.url))]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, SCRIPT))) return path.join(dir, SCRIPT);
      if (path.dirname(dir) === dir) break;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
