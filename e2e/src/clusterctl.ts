import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type ClusterctlConfigProvider,
  componentsFileName,
  manifestLabel,
  PROVIDER_TYPES,
  type ProviderType,
  renderClusterctlConfig,
} from '@capi-ts/sdk';
import { stringify } from 'yaml';
import { CERT_MANAGER_VERSION, certManagerCrds } from './cert-manager-crds.js';
import type { RepositoryRelease } from './release-repository.js';
import { type CommandOutput, run } from './run.js';

/** A provider of the local repository, as `clusterctl init` names it. */
export interface RepositoryProvider extends ClusterctlConfigProvider {
  readonly version: string;
  readonly release: RepositoryRelease;
}

/** The provider a release folder holds: its type and name from the manifest label. */
export function providerOfRelease(release: RepositoryRelease): RepositoryProvider {
  const type: ProviderType | undefined =
    release.label === 'cluster-api'
      ? 'CoreProvider'
      : PROVIDER_TYPES.find(
          (t) => t !== 'CoreProvider' && release.label.startsWith(manifestLabel({ name: '', type: t })),
        );
  if (!type) throw new Error(`${release.label} is not a clusterctl manifest label`);
  const name = type === 'CoreProvider' ? 'cluster-api' : release.label.slice(manifestLabel({ name: '', type }).length);
  const url = path.join(release.directory, componentsFileName(type));
  return { name, type, url, version: release.version, release };
}

/** `clusterctl` run offline against a local repository and one management cluster. */
export class Clusterctl {
  /** `<workDir>/clusterctl.yaml`, the config file every command is given. */
  readonly configPath: string;
  private readonly env: NodeJS.ProcessEnv;

  /**
   * Writes the clusterctl config for `providers` (each overriding the built-in provider of the same name and type)
   * and a local cert-manager release, `<repository>/cert-manager/<version>/cert-manager.yaml`, holding only the
   * stand-in CRDs of cert-manager-crds.ts. Commands run with `HOME` and `XDG_CONFIG_HOME` in `workDir`, so no user
   * configuration or override folder applies, and with `GOPROXY=off` and the version check disabled: nothing is
   * fetched from the network.
   */
  constructor(
    readonly binary: string,
    readonly kubeconfigPath: string,
    readonly workDir: string,
    repository: string,
    readonly providers: readonly RepositoryProvider[],
  ) {
    const certManager = path.join(repository, 'cert-manager', CERT_MANAGER_VERSION, 'cert-manager.yaml');
    mkdirSync(path.dirname(certManager), { recursive: true });
    writeFileSync(
      certManager,
      certManagerCrds()
        .map((crd) => `---\n${stringify(crd)}`)
        .join(''),
    );
    this.configPath = path.join(workDir, 'clusterctl.yaml');
    writeFileSync(
      this.configPath,
      renderClusterctlConfig({
        providers: providers.map(({ name, type, url }) => ({ name, type, url })),
        certManager: { url: certManager, version: CERT_MANAGER_VERSION },
        disableVersionCheck: true,
      }),
    );
    this.env = {
      PATH: process.env.PATH ?? '',
      HOME: workDir,
      XDG_CONFIG_HOME: path.join(workDir, 'config'),
      GOPROXY: 'off',
      CLUSTERCTL_DISABLE_VERSIONCHECK: 'true',
    };
  }

  /**
   * Runs `clusterctl <args> --config <config> --kubeconfig <kubeconfig>`; `variables` are the values of template and
   * components variables, given as environment variables as a user would.
   */
  run(
    args: readonly string[],
    timeoutMs = 180_000,
    variables: Readonly<Record<string, string>> = {},
  ): Promise<CommandOutput> {
    return run(this.binary, [...args, '--config', this.configPath, '--kubeconfig', this.kubeconfigPath], {
      cwd: this.workDir,
      env: { ...variables, ...this.env },
      timeoutMs,
    });
  }

  /** The `clusterctl init` arguments that install every provider of the repository at its version. */
  initArgs(): string[] {
    const of = (type: ProviderType) =>
      this.providers.filter((p) => p.type === type).map((p) => `${p.name}:${p.version}`);
    const args = ['init'];
    const core = of('CoreProvider');
    if (core.length !== 1) throw new Error('the repository must hold exactly one core provider release');
    args.push('--core', core[0] as string);
    // Without explicit lists clusterctl adds the kubeadm providers from GitHub; "-" skips a type.
    for (const [flag, type] of [
      ['--bootstrap', 'BootstrapProvider'],
      ['--control-plane', 'ControlPlaneProvider'],
      ['--infrastructure', 'InfrastructureProvider'],
    ] as const) {
      const list = of(type);
      if (list.length > 0) args.push(flag, list.join(','));
      else if (type !== 'InfrastructureProvider') args.push(flag, '-');
    }
    return args;
  }
}
