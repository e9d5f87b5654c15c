import {
  ClusterCache,
  Manager,
  type ManagerFlags,
  type ManagerOptionsOverrides,
  managerOptionsFromFlags,
  parseManagerFlags,
} from '@capi-ts/sdk';
import { microK8sControlPlaneController } from './controllers/microk8scontrolplane/index.js';

/** The Lease name CACPM uses, so a rolling replacement of the Go manager never runs two leaders. */
export const LEADER_ELECTION_ID = 'microk8s-control-plane-manager-leader-election-capi';
/** The field manager of this provider's writes. */
export const FIELD_MANAGER = 'capi-microk8s-control-plane';

/** Parses the manager flags (CACPM's `--metrics-bind-address`, `--health-probe-bind-address`, `--leader-elect`, `--namespace`, and the SDK's standard ones). */
export function parseFlags(argv: readonly string[]): ManagerFlags {
  return parseManagerFlags(argv, { leaderElectionId: LEADER_ELECTION_ID });
}

/** The provider's manager: the MicroK8sControlPlane controller on a manager configured from the flags. */
export function createManager(flags: ManagerFlags, overrides: ManagerOptionsOverrides = {}): Manager {
  const manager = new Manager(managerOptionsFromFlags(flags, { fieldManager: FIELD_MANAGER, ...overrides }));
  const clusterCache = new ClusterCache({
    cache: manager.cache,
    logger: manager.logger.child({ component: 'cluster-cache' }),
  });
  manager.add(clusterCache);
  manager.add(
    microK8sControlPlaneController({
      dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
      client: manager.client,
      clusterCache,
      concurrency: flags.concurrency,
      watchFilter: flags.watchFilter,
    }),
  );
  return manager;
}
