import {
  createProviderManager,
  type Manager,
  type ManagerFlags,
  type ManagerOptionsOverrides,
  type ProviderManagerDefinition,
  parseProviderFlags,
} from '@capi-ts/sdk';
import { microK8sConfigController } from './controllers/microk8sconfig/index.js';

/** The Lease name CABPM uses, so a rolling replacement of the Go manager never runs two leaders. */
export const LEADER_ELECTION_ID = 'microk8s-bootstrap-manager-leader-election-capi';
/** The field manager of this provider's writes. */
export const FIELD_MANAGER = 'capi-microk8s-bootstrap';

/** The MicroK8sConfig controller on a manager configured from CABPM's flags and the SDK's standard ones. */
const definition: ProviderManagerDefinition = {
  leaderElectionId: LEADER_ELECTION_ID,
  fieldManager: FIELD_MANAGER,
  setup(manager, flags) {
    manager.add(
      microK8sConfigController({
        dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
        client: manager.client,
        concurrency: flags.concurrency,
        watchFilter: flags.watchFilter,
      }),
    );
  },
};

/** Parses the manager flags (CABPM's `--metrics-bind-address`, `--health-probe-bind-address`, `--leader-elect`, `--namespace`, and the SDK's standard ones). */
export function parseFlags(argv: readonly string[]): ManagerFlags {
  return parseProviderFlags(definition, argv);
}

/** The provider's manager: the MicroK8sConfig controller on a manager configured from the flags. */
export function createManager(flags: ManagerFlags, overrides: ManagerOptionsOverrides = {}): Manager {
  return createProviderManager(definition, flags, overrides);
}
