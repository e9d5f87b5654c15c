import {
  Manager,
  type ManagerFlags,
  type ManagerOptionsOverrides,
  managerOptionsFromFlags,
  parseManagerFlags,
  type Runnable,
} from '@capi-ts/sdk';
import { IncusConnections, liveSecretReader } from './connection/index.js';
import { lxcClusterController } from './controllers/lxccluster/index.js';
import { lxcMachineController } from './controllers/lxcmachine/index.js';

/** The Lease name CAPN uses, so a rolling replacement of the Go manager never runs two leaders. */
export const LEADER_ELECTION_ID = 'controller-leader-election-capn';
/** The field manager of this provider's writes. */
export const FIELD_MANAGER = 'capi-incus-infrastructure';

/** Parses CAPN's manager flags (`--leader-elect`, `--namespace`, `--watch-filter`, `--concurrency` 10, ...). */
export function parseFlags(argv: readonly string[]): ManagerFlags {
  return parseManagerFlags(argv, { leaderElectionId: LEADER_ELECTION_ID, concurrency: 10 });
}

/**
 * The provider's manager: the LXCCluster controllers and the LXCMachine controller (`--concurrency` applies to
 * the latter, as in CAPN), sharing one Incus connection per identity secret, closed when the manager stops.
 */
export function createManager(flags: ManagerFlags, overrides: ManagerOptionsOverrides = {}): Manager {
  const manager = new Manager(managerOptionsFromFlags(flags, { fieldManager: FIELD_MANAGER, ...overrides }));
  const connections = new IncusConnections(liveSecretReader(manager.client));
  const { watchFilter } = flags;
  manager.add(lxcClusterController({ manager, connections, watchFilter }));
  manager.add(lxcMachineController({ manager, connections, watchFilter, concurrency: flags.concurrency }));
  manager.add(closeOnStop(connections));
  return manager;
}

/** A runnable that closes the shared connections once the manager stops. */
function closeOnStop(connections: IncusConnections): Runnable {
  return {
    name: 'incus-connections',
    needsLeaderElection: false,
    async start(signal) {
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      connections.close();
    },
  };
}
