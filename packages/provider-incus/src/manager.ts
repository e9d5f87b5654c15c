import {
  Manager,
  type ManagerFlags,
  type ManagerOptionsOverrides,
  managerOptionsFromFlags,
  parseManagerFlags,
} from '@capi-ts/sdk';
import { lxcMachineController } from './controllers/lxcmachine/index.js';

/** The Lease name CAPN uses, so a rolling replacement of the Go manager never runs two leaders. */
export const LEADER_ELECTION_ID = 'controller-leader-election-capn';
/** The field manager of this provider's writes. */
export const FIELD_MANAGER = 'capi-incus-infrastructure';

/** Parses CAPN's manager flags (`--leader-elect`, `--namespace`, `--watch-filter`, `--concurrency` 10, ...). */
export function parseFlags(argv: readonly string[]): ManagerFlags {
  return parseManagerFlags(argv, { leaderElectionId: LEADER_ELECTION_ID, concurrency: 10 });
}

/** The provider's manager: the LXCMachine controller on a manager configured from the flags. */
export function createManager(flags: ManagerFlags, overrides: ManagerOptionsOverrides = {}): Manager {
  const manager = new Manager(managerOptionsFromFlags(flags, { fieldManager: FIELD_MANAGER, ...overrides }));
  manager.add(lxcMachineController({ manager, concurrency: flags.concurrency, watchFilter: flags.watchFilter }));
  return manager;
}
