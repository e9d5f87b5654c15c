import type { ObjectEventRecorder } from '@capi-ts/sdk';

/** The `source.component` of this provider's Events: CAPO's recorder is `GetEventRecorderFor("openstack-controller")`. */
export const EVENT_COMPONENT = 'openstack-controller';

/** An OpenStack call recorded as CAPO records it. */
export interface RecordedCall<T> {
  /** CAPO's reason without its `Successful`/`Failed` prefix, e.g. `CreateNetwork`. */
  readonly action: string;
  /** What the call does, for the failure message `Failed to <attempt>: <error>`, e.g. `create network k8s-…`. */
  readonly attempt: string;
  /** The success message, e.g. `Created network k8s-… with id …`. */
  readonly done: (result: T) => string;
  /** Errors that are no failure for the caller (e.g. 404 on a delete): rethrown without an event. */
  readonly expected?: (error: unknown) => boolean;
}

/**
 * Runs one OpenStack call and records CAPO's parity event about the object: `Successful<action>` (Normal) once it
 * succeeded, `Failed<action>` (Warning) with the cloud's error message when it failed (the error is rethrown).
 * Messages name resources and carry the cloud's answer, never credentials or user data.
 */
export async function recordCall<T>(
  events: ObjectEventRecorder,
  recorded: RecordedCall<T>,
  call: () => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await call();
  } catch (error) {
    if (!recorded.expected?.(error)) {
      const message = error instanceof Error ? error.message : String(error);
      events.warning(`Failed${recorded.action}`, `Failed to ${recorded.attempt}: ${message}`);
    }
    throw error;
  }
  events.normal(`Successful${recorded.action}`, recorded.done(result));
  return result;
}
