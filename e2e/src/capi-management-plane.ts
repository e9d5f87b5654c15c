import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KubeObject } from '@capi-ts/sdk';
import { type CapiBinaries, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { aggregateClusterRoles } from './cluster-role-aggregation.js';
import { Clusterctl, providerOfRelease, type RepositoryProvider } from './clusterctl.js';
import { type LocalManager, type ManagerDeployment, startLocalManager } from './local-manager.js';
import { addCoreRelease, writeProviderReleases } from './release-repository.js';
import { collectionPath } from './resource-paths.js';
import { run } from './run.js';
import { redirectWebhooks } from './webhook-redirect.js';
import { REPOSITORY_ROOT } from './workspace.js';

/** A management cluster set up by `clusterctl init` from the local repository. */
export interface CapiManagementPlane {
  readonly env: TestEnvironment;
  readonly clusterctl: Clusterctl;
  /** Every provider of the local repository: the Cluster API core and each of our releases. */
  readonly providers: readonly RepositoryProvider[];
  /** What `clusterctl init` printed. */
  readonly initOutput: string;
  readonly workDir: string;
  /** The clusterctl local repository the plane was initialised from. */
  readonly repository: string;
  /**
   * Points the webhooks at loopback, aggregates the ClusterRoles (see aggregateClusterRoles) and runs the Cluster API core manager and every provider with an entry point
   * as local processes (see {@link startLocalManager}); resolves once all answer `/readyz`. Call once. `only`
   * (release labels, e.g. `cluster-api`, `infrastructure-incus`) limits the managers to those a scenario uses; the
   * webhooks of the others then have no server.
   */
  startManagers(only?: readonly string[]): Promise<ReadonlyMap<string, LocalManager>>;
  /**
   * Kills a running manager (by its release label, e.g. `infrastructure-incus`) with SIGKILL, as a crashed Pod, and
   * starts it again as {@link startManagers} did; resolves with the new one once it answers `/readyz`.
   */
  restartManager(label: string): Promise<LocalManager>;
  /**
   * Stops every running manager (SIGTERM, then SIGKILL after a grace period), as scaling their Deployments to zero
   * would, and leaves the API server and etcd running: the objects stay readable but nothing reconciles them.
   */
  stopManagers(): Promise<void>;
  /** Stops the managers, the API server and etcd, and removes the work folder. */
  stop(): Promise<void>;
}

/** Options of {@link initManagementPlane}. */
export interface ManagementPlaneOptions {
  /**
   * Initialise from the local repository of this plane instead of writing the releases again (a second management
   * cluster installed from the same releases, as `clusterctl move` needs). It must outlive the new plane's `init`.
   */
  readonly repositoryOf?: CapiManagementPlane;
}

/**
 * A fresh kube-apiserver + etcd (no CRDs), a clusterctl local repository with the Cluster API core release and the
 * release of every provider package (each package's `pnpm release`), and `clusterctl init` of all of them, offline.
 * Each plane has its own work folder, API server and loopback ports, so several can run side by side.
 */
export async function initManagementPlane(
  binaries: CapiBinaries,
  options: ManagementPlaneOptions = {},
): Promise<CapiManagementPlane> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'capi-ts-e2e-'));
  const env = await startTestEnvironment();
  const managers = new Map<string, LocalManager>();
  let relaunch: ((provider: RepositoryProvider) => Promise<LocalManager>) | undefined;
  const stopManagers = async () => {
    await Promise.all([...managers.values()].map((m) => m.process.stop()));
  };
  const stop = async () => {
    await stopManagers();
    await env.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const repository = options.repositoryOf?.repository ?? path.join(workDir, 'repository');
    const providers =
      options.repositoryOf?.providers ??
      [await addCoreRelease(repository, binaries), ...(await writeProviderReleases(repository))].map(providerOfRelease);
    const clusterctl = new Clusterctl(binaries.clusterctl, env.kubeconfigPath, workDir, repository, providers);
    const init = await clusterctl.run(clusterctl.initArgs(), 300_000);
    const startManagers = async (only?: readonly string[]) => {
      const webhooks = await redirectWebhooks(env.transport, workDir);
      await aggregateClusterRoles(env.transport);
      const unknown = only?.filter((label) => !providers.some((p) => p.release.label === label)) ?? [];
      if (unknown.length > 0) throw new Error(`no provider release is labelled ${unknown.join(', ')}`);
      const started = providers.filter((p) => !only || only.includes(p.release.label));
      const withEntryPoint = started.filter((p) => p.release.package?.hasEntryPoint);
      await bundleOnce(withEntryPoint.map((p) => p.release.package?.directory ?? ''));
      const launch = async (provider: RepositoryProvider) => {
        const deployment = await installedDeployment(env, provider);
        const command =
          provider.type === 'CoreProvider'
            ? [binaries.coreManager]
            : ['node', path.join(provider.release.package?.directory ?? '', 'dist', 'bundle', 'main.js')];
        const dialect = provider.type === 'CoreProvider' ? 'cluster-api' : 'capi-ts';
        const manager = await startLocalManager({ env, deployment, command, dialect, webhooks, workDir });
        managers.set(provider.release.label, manager);
        return manager;
      };
      relaunch = launch;
      await Promise.all(
        started.filter((p) => p.type === 'CoreProvider' || p.release.package?.hasEntryPoint).map(launch),
      );
      return managers;
    };
    const restartManager = async (label: string) => {
      const running = managers.get(label);
      const provider = providers.find((p) => p.release.label === label);
      if (!running || !provider || !relaunch) throw new Error(`no manager ${label} was started`);
      await running.process.kill();
      return await relaunch(provider);
    };
    return {
      env,
      clusterctl,
      providers,
      initOutput: init.stdout + init.stderr,
      workDir,
      repository,
      startManagers,
      restartManager,
      stopManagers,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

const bundles = new Map<string, Promise<unknown>>();

/**
 * Bundles the managers of these package folders (scripts/bundle.mjs, as their images run them), once per process:
 * a second management plane of the same test runs the bundles the first one built.
 */
function bundleOnce(directories: readonly string[]): Promise<unknown> {
  const key = directories.join('\n');
  let bundled = bundles.get(key);
  if (!bundled) {
    bundled = run('node', ['scripts/bundle.mjs', ...directories], { cwd: REPOSITORY_ROOT, timeoutMs: 300_000 });
    bundled.catch(() => bundles.delete(key));
    bundles.set(key, bundled);
  }
  return bundled;
}

/** The one manager Deployment clusterctl installed for a provider. */
async function installedDeployment(env: TestEnvironment, provider: RepositoryProvider): Promise<ManagerDeployment> {
  const list = await env.transport.request<{ items: KubeObject[] }>({
    method: 'GET',
    path: collectionPath('Deployment'),
    query: { labelSelector: `cluster.x-k8s.io/provider=${provider.release.label}` },
  });
  if (list.items.length !== 1) {
    throw new Error(`${provider.release.label}: expected one Deployment, found ${list.items.length}`);
  }
  return list.items[0] as ManagerDeployment;
}
