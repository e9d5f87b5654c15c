/** The leader lease could not be renewed within the renew deadline, or another identity took it over. */
export class LeaderElectionLostError extends Error {
  override readonly name = 'LeaderElectionLostError';
  constructor(
    readonly lease: string,
    readonly identity: string,
  ) {
    super(`leader election lost: ${identity} could not renew lease ${lease}`);
  }
}

/** Runnables were still running when the graceful shutdown timeout ran out. */
export class GracefulShutdownTimeoutError extends Error {
  override readonly name = 'GracefulShutdownTimeoutError';
  constructor(
    readonly timeoutMs: number,
    readonly pending: string[],
  ) {
    super(`graceful shutdown timed out after ${timeoutMs} ms; still running: ${pending.join(', ')}`);
  }
}
