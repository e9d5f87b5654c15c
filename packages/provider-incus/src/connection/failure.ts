import { IncusConnectionReason } from '../api/v1alpha2/conditions.js';

/**
 * Why the Incus server of a cluster cannot be used, as a condition reason and a message fit for a condition:
 * it names the Secret key, URL or extension at fault and never carries key material.
 */
export class IncusConnectionFailure extends Error {
  override name = 'IncusConnectionFailure';
  constructor(
    readonly reason: IncusConnectionReason,
    message: string,
    /**
     * Whether only a change by the user can fix it (a bad secret value or a missing extension) rather than time
     * (an unreachable server). A Secret that does not exist yet is not terminal: it may be created later.
     */
    readonly terminal: boolean,
  ) {
    super(message);
  }
}

/** Whether an error is an {@link IncusConnectionFailure}. */
export function isIncusConnectionFailure(error: unknown): error is IncusConnectionFailure {
  return error instanceof IncusConnectionFailure;
}

export { IncusConnectionReason };
