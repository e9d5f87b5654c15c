import {
  ClusterCache,
  createProviderManager,
  type Manager,
  type ManagerFlags,
  type ManagerOptionsOverrides,
  type ProviderManagerDefinition,
  parseProviderFlags,
} from '@capi-ts/sdk';
import { microK8sControlPlaneController } from './controllers/microk8scontrolplane/index.js';

/** The Lease name CACPM uses, so a rolling replacement of the Go manager never runs two leaders. */
export const LEADER_ELECTION_ID = 'microk8s-control-plane-manager-leader-election-capi';
/** The field manager of this provider's writes. */
export const FIELD_MANAGER = 'capi-microk8s-control-plane';

/** The MicroK8sControlPlane controller and its connections to the workload clusters. */
const definition: ProviderManagerDefinition = {
  leaderElectionId: LEADER_ELECTION_ID,
  fieldManager: FIELD_MANAGER,
  setup(manager, flags) {
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
  },
};

/** Parses the manager flags (CACPM's `--metrics-bind-address`, `--health-probe-bind-address`, `--leader-elect`, `--namespace`, and the SDK's standard ones). */
export function parseFlags(argv: readonly string[]): ManagerFlags {
  return parseProviderFlags(definition, argv);
}

/** The provider's manager: the MicroK8sControlPlane controller on a manager configured from the flags. */
export function createManager(flags: ManagerFlags, overrides: ManagerOptionsOverrides = {}): Manager {
  return createProviderManager(definition, flags, overrides);
}
