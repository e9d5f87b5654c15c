import type { Logger } from '../log/logger.js';
import {
  FlagError,
  type ManagerFlags,
  type ManagerOptionsOverrides,
  managerOptionsFromFlags,
  parseManagerFlags,
} from './flags.js';
import { Manager } from './manager.js';
import type { Runnable } from './runnable.js';

/** What distinguishes one provider's manager from another's; see {@link createProviderManager}. */
export interface ProviderManagerDefinition {
  /** The Lease name: the Go provider's, so that a rolling replacement of it never runs two leaders. */
  readonly leaderElectionId: string;
  /** The field manager of the manager's writes. */
  readonly fieldManager: string;
  /** Default of `--concurrency`; 10 unless given. */
  readonly concurrency?: number;
  /**
   * The webhook server, built from `--webhook-port` and `--webhook-cert-dir`, for providers that serve webhooks.
   * A `webhookServer` given to {@link createProviderManager} replaces it.
   */
  readonly webhookServer?: (flags: ManagerFlags, logger: Logger) => Runnable;
  /** Adds the provider's controllers (and whatever else it runs) to the manager. */
  readonly setup: (manager: Manager, flags: ManagerFlags) => void;
}

/** Parses a provider's manager flags: the SDK's standard ones with the provider's Lease name and concurrency. */
export function parseProviderFlags(
  definition: Pick<ProviderManagerDefinition, 'leaderElectionId' | 'concurrency'>,
  argv: readonly string[],
): ManagerFlags {
  return parseManagerFlags(argv, {
    leaderElectionId: definition.leaderElectionId,
    ...(definition.concurrency !== undefined ? { concurrency: definition.concurrency } : {}),
  });
}

/**
 * A provider's manager from its flags: credentials, logger, metrics and health probe addresses, leader election and
 * cache namespace as the flags say, the provider's field manager and webhook server, and its controllers added by
 * `definition.setup`. `overrides` replace what the flags would give (tests pass credentials and a logger).
 */
export function createProviderManager(
  definition: ProviderManagerDefinition,
  flags: ManagerFlags,
  overrides: ManagerOptionsOverrides = {},
): Manager {
  const options = managerOptionsFromFlags(flags, { fieldManager: definition.fieldManager, ...overrides });
  const webhookServer = overrides.webhookServer ?? definition.webhookServer?.(flags, options.logger as Logger);
  const manager = new Manager({ ...options, ...(webhookServer ? { webhookServer } : {}) });
  definition.setup(manager, flags);
  return manager;
}

/**
 * The entry point of a provider's container: builds the manager from the command line and runs it until SIGTERM or
 * SIGINT. A bad command line or a failed manager ends the process with exit code 1 and the reason on stderr (the
 * logger may not exist yet: the flags configure it).
 */
export async function runProviderMain(
  createManager: (argv: readonly string[]) => Manager,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  try {
    await createManager(argv).runUntilSignal();
  } catch (err) {
    process.stderr.write(`${err instanceof FlagError ? err.message : String((err as Error)?.stack ?? err)}\n`);
    process.exitCode = 1;
  }
}
