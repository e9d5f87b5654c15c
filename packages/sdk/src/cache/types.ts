import type { ObjectKey } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';

/** A change seen by an informer. Objects are frozen: they are shared by every reader of the cache. */
export interface CacheEvent<T extends KubeObject = KubeObject> {
  type: 'added' | 'updated' | 'deleted';
  object: Readonly<T>;
  /** The previous state, for `updated` (and for `deleted` when known). */
  oldObject?: Readonly<T>;
  /** True for events produced by the initial list (or a relist): the work queue gives them lower priority. */
  initial: boolean;
}

/** Receives {@link CacheEvent}s; called synchronously by the informer, so it should only enqueue work. */
export type CacheEventHandler<T extends KubeObject = KubeObject> = (event: CacheEvent<T>) => void;

/** Maps an object to the index values it is filed under (e.g. its owner UIDs). */
export type IndexFunction<T extends KubeObject = KubeObject> = (object: Readonly<T>) => string[];

/** Names of the indexes every store keeps. */
export const StandardIndex = {
  /** `metadata.namespace` */
  namespace: 'namespace',
  /** each `metadata.ownerReferences[].uid` */
  ownerUid: 'ownerUid',
  /** the `cluster.x-k8s.io/cluster-name` label, as `<namespace>/<cluster>` */
  clusterName: 'clusterName',
} as const;

/** Filters of {@link ObjectStore.list}. */
export interface StoreListOptions {
  /** Only objects of this namespace. */
  namespace?: string;
  /** Label selector: `{ app: 'x' }`, or the API server's syntax, e.g. `app=x,tier!=db,env in (a,b),!legacy`. */
  labelSelector?: Record<string, string> | string;
}

/** Read-only, indexed view of one kind. */
export interface ObjectStore<T extends KubeObject = KubeObject> {
  /** The object stored under `key` (namespace omitted for cluster-scoped kinds), or `undefined`. */
  get(key: ObjectKey): Readonly<T> | undefined;
  /** Every object, or those in `options.namespace` and/or matching `options.labelSelector`. */
  list(options?: StoreListOptions): Readonly<T>[];
  /** The objects filed under `value` in the index `index` (see {@link StandardIndex}); throws for unknown indexes. */
  byIndex(index: string, value: string): Readonly<T>[];
  /** How many objects are stored. */
  readonly size: number;
}

/** A list-then-watch loop for one kind feeding an indexed store, shared by every controller that reads the kind. */
export interface Informer<T extends KubeObject = KubeObject> extends ObjectStore<T> {
  readonly type: ResourceType<T>;
  /** Adds a custom index; allowed before and after start (existing objects are indexed at once). */
  addIndex(name: string, fn: IndexFunction<T>): void;
  /**
   * Subscribes to changes. A subscriber that joins after the initial list first receives an `added` event
   * (with `initial: true`) for every object already in the store. Returns an unsubscribe function.
   */
  subscribe(handler: CacheEventHandler<T>): () => void;
  /** True once the initial list has been stored. */
  readonly synced: boolean;
  /** Resolves once {@link synced}; rejects if `signal` aborts first. */
  waitForSync(signal?: AbortSignal): Promise<void>;
}

/** Hands out one shared informer per kind (and namespace scope). */
export interface InformerSource {
  informerFor<T extends KubeObject>(type: ResourceType<T>): Informer<T>;
}
