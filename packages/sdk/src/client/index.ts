export { builtin, type ConfigMap, type KubeEvent, type Lease, type Secret } from './builtin.js';
export { type DeadlineSignal, deadlineSignal } from './deadline-signal.js';
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
export {
  type ApplyOptions,
  type CallOptions,
  type DeleteOptions,
  type JsonPatchOperation,
  KubeClient,
  type KubeClientOptions,
  type ListOptions,
  type ObjectKey,
  type PatchOptions,
  type RequestObserver,
  type WatchOptions,
  type WriteOptions,
} from './kube-client.js';
export type { KubeList, KubeObject, ObjectMeta, OwnerReference } from './object.js';
export { apiVersionOf, type ResourceType, resourcePath, resourceType } from './resource-type.js';
export { type KubeRequest, KubeTransport } from './transport.js';
export { readWatchEvents, type WatchEvent } from './watch-events.js';
