export { ControllerBuilder, type ControllerWatchOptions, controllerBuilder } from './builder.js';
export {
  Controller,
  type ControllerDependencies,
  type ControllerOptions,
  type ControllerSpec,
  type Watch,
} from './controller.js';
export type { Predicate } from './predicate.js';
export * as predicates from './predicates.js';
export { type EnqueueRequest, type RawSource, type RequestChannel, requestChannel } from './raw-source.js';
export type { ReconcileContext, Reconciler, Result } from './reconciler.js';
export { type Request, requestFor, requestFromKey, requestKey } from './request.js';
export {
  type MapFunction,
  type RequestMapper,
  requestsForObject,
  requestsForOwner,
  requestsFromMap,
} from './request-mappers.js';
export { isTerminalError, TerminalError } from './terminal-error.js';
