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
  /**
   * Points the webhooks at loopback, aggregates the ClusterRoles (see aggregateClusterRoles) and runs the Cluster API core manager and every provider with an entry point
   * as local processes (see {@link startLocalManager}); resolves once all answer `/readyz`. Call once.
   */
  startManagers(): Promise<ReadonlyMap<string, LocalManager>>;
  /**
   * Kills a running manager (by its release label, e.g. `infrastructure-incus`) with SIGKILL, as a crashed Pod, and
   * starts it again as {@link startManagers} did; resolves with the new one once it answers `/readyz`.
   */
  restartManager(label: string): Promise<LocalManager>;
  /** Stops the managers, the API server and etcd, and removes the work folder. */
  stop(): Promise<void>;
}

/**
 * A fresh kube-apiserver + etcd (no CRDs), a clusterctl local repository with the Cluster API core release and the
 * release of every provider package (each package's `pnpm release`), and `clusterctl init` of all of them, offline.
 */
export async function initManagementPlane(binaries: CapiBinaries): Promise<CapiManagementPlane> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'capi-ts-e2e-'));
  const env = await startTestEnvironment();
  const managers = new Map<string, LocalManager>();
  let relaunch: ((provider: RepositoryProvider) => Promise<LocalManager>) | undefined;
  const stop = async () => {
    await Promise.all([...managers.values()].map((m) => m.process.stop()));
    await env.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const repository = path.join(workDir, 'repository');
    const releases = [await addCoreRelease(repository, binaries), ...(await writeProviderReleases(repository))];
    const providers = releases.map(providerOfRelease);
    const clusterctl = new Clusterctl(binaries.clusterctl, env.kubeconfigPath, workDir, repository, providers);
    const init = await clusterctl.run(clusterctl.initArgs(), 300_000);
    const startManagers = async () => {
      const webhooks = await redirectWebhooks(env.transport, workDir);
      await aggregateClusterRoles(env.transport);
      const withEntryPoint = providers.filter((p) => p.release.package?.hasEntryPoint);
      await run('node', ['scripts/bundle.mjs', ...withEntryPoint.map((p) => p.release.package?.directory ?? '')], {
        cwd: REPOSITORY_ROOT,
        timeoutMs: 300_000,
      });
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
        providers.filter((p) => p.type === 'CoreProvider' || p.release.package?.hasEntryPoint).map(launch),
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
      startManagers,
      restartManager,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
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
