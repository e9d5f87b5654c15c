export {
  ApiError,
  isAlreadyExists,
  isConflict,
  isForbidden,
  isGone,
  isInvalid,
  isNotFound,
  type StatusBody,
} from './errors.js';
export type { KubeList, KubeObject, ObjectMeta, OwnerReference } from './object.js';
export { type KubeRequest, KubeTransport } from './transport.js';
export { readWatchEvents, type WatchEvent } from './watch-events.js';
