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
