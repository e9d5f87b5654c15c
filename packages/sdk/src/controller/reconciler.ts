import type { Logger } from '../log/logger.js';
import type { Request } from './request.js';

/** What a reconcile asks for when it returns (controller-runtime's `reconcile.Result`). */
export interface Result {
  /**
   * Reconcile again after this many milliseconds (a poll, not an error): the backoff is reset first. Used to
   * watch something that sends no events, such as an external machine being provisioned.
   */
  requeueAfter?: number;
  /**
   * Reconcile again after the rate limiter's backoff, without counting an error. Deprecated upstream in favour
   * of `requeueAfter` or throwing; ignored when `requeueAfter` is set.
   */
  requeue?: boolean;
}

/** What a reconcile gets besides its request. */
export interface ReconcileContext {
  /** A child of the controller's logger with `controller`, `namespace`, `name` and `reconcileID`. */
  logger: Logger;
  /** Aborts when the controller stops; pass it to long calls. The reconcile may still finish its work. */
  signal: AbortSignal;
}

/**
 * Brings one object to its desired state. It must be idempotent and level-triggered: read the current state,
 * compare, write only what differs (a reconcile with nothing to do writes nothing). Return normally on
 * success, return {@link Result.requeueAfter} to poll, throw to retry with backoff, or throw a `TerminalError`
 * to stop retrying.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: lets `async () => {}` (which returns Promise<void>) be a reconciler
export type Reconciler = (request: Request, context: ReconcileContext) => Promise<Result | void>;
