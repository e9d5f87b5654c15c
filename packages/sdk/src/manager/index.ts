export type { BindAddress } from './bind-address.js';
export { GracefulShutdownTimeoutError, LeaderElectionLostError } from './errors.js';
export {
  FlagError,
  type FlagKind,
  type LoadKubeConfigOptions,
  type LogLevel,
  loadKubeConfig,
  type ManagerFlagDefaults,
  type ManagerFlags,
  type ManagerOptionsOverrides,
  managerFlagsUsage,
  managerOptionsFromFlags,
  parseManagerFlags,
} from './flags.js';
export {
  CLUSTER_API_FLAGS_WITHOUT_EFFECT,
  type FlagWithoutEffect,
  logFlagsWithoutEffect,
} from './flags-cluster-api.js';
export type { HealthChecker } from './health-checks.js';
export {
  DEFAULT_LEADER_ELECTION_TIMINGS,
  type LeaderElectionTimings,
  LeaderElector,
  type LeaderElectorOptions,
} from './leader-election.js';
export { CACHE_SYNC_CHECK, Manager, type ManagerLeaderElectionOptions, type ManagerOptions } from './manager.js';
export {
  createProviderManager,
  type ProviderManagerDefinition,
  parseProviderFlags,
  runProviderMain,
} from './provider-manager.js';
export type { Runnable } from './runnable.js';
export { type ProviderFlagNames, type TakenProviderFlags, takeProviderFlags } from './take-provider-flags.js';
