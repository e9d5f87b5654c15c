/**
 * Something the manager starts and stops: informers, controllers, servers. `start` resolves when the
 * runnable has stopped after `signal` aborted (or rejects on a fatal error, which stops the manager).
 */
export interface Runnable {
  readonly name: string;
  /** Only run while this manager holds the leader lease (controllers); caches and servers run always. */
  readonly needsLeaderElection: boolean;
  start(signal: AbortSignal): Promise<void>;
}
