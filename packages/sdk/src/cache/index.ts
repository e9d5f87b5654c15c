export { deepFreeze } from './deep-freeze.js';
export { type IndexErrorHandler, IndexedStore } from './indexed-store.js';
export {
  type LabelRequirement,
  type LabelSelector,
  matchesLabelSelector,
  parseLabelSelector,
} from './label-selector.js';
export { type BackoffOptions, DEFAULT_BACKOFF, ReconnectBackoff } from './reconnect-backoff.js';
export {
  DEFAULT_WATCH_INACTIVITY_TIMEOUT_MS,
  Reflector,
  type ReflectorOptions,
  type ReflectorStats,
  type ReflectorTarget,
} from './reflector.js';
export { relistDiff } from './relist-diff.js';
export { SharedCache, type SharedCacheOptions } from './shared-cache.js';
export { SharedInformer, type SharedInformerOptions } from './shared-informer.js';
export { CLUSTER_NAME_LABEL, standardIndexFunctions } from './standard-indexes.js';
export { storeKey, storeKeyOf } from './store-key.js';
export type {
  CacheEvent,
  CacheEventHandler,
  IndexFunction,
  Informer,
  InformerSource,
  ObjectStore,
  StoreListOptions,
} from './types.js';
export { StandardIndex } from './types.js';
