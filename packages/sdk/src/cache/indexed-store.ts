import type { ObjectKey } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import { deepFreeze } from './deep-freeze.js';
import { matchesLabelSelector, parseLabelSelector } from './label-selector.js';
import { relistDiff } from './relist-diff.js';
import { standardIndexFunctions } from './standard-indexes.js';
import { storeKey, storeKeyOf } from './store-key.js';
import {
  type CacheEvent,
  type IndexFunction,
  type ObjectStore,
  StandardIndex,
  type StoreListOptions,
} from './types.js';

/** Called when a custom index function throws; the object is stored but left out of that index. */
export type IndexErrorHandler = (index: string, key: string, error: unknown) => void;

interface Index<T extends KubeObject> {
  readonly fn: IndexFunction<T>;
  /** index value → keys of the objects filed under it */
  readonly entries: Map<string, Set<string>>;
}

/**
 * The objects of one kind, keyed by `<namespace>/<name>`, deep-frozen on the way in and handed out by reference
 * (never copied), with the {@link StandardIndex} indexes plus any added with {@link addIndex}.
 *
 * The write methods ({@link upsert}, {@link remove}, {@link replace}) are for the informer that feeds the store;
 * they return the {@link CacheEvent}s that describe what changed.
 */
export class IndexedStore<T extends KubeObject = KubeObject> implements ObjectStore<T> {
  private objects = new Map<string, Readonly<T>>();
  private readonly indexes = new Map<string, Index<T>>();

  /**
   * @param onIndexError told about index functions that throw (the informer logs them).
   * @param keepManagedFields keep `metadata.managedFields` (dropped by default: controllers never read them and
   *   they are often the largest part of an object, as controller-runtime's `TransformStripManagedFields` knows).
   */
  constructor(
    private readonly onIndexError: IndexErrorHandler,
    private readonly keepManagedFields = false,
  ) {
    for (const [name, fn] of Object.entries(standardIndexFunctions)) this.addIndex(name, fn);
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: ObjectKey): Readonly<T> | undefined {
    return this.objects.get(storeKey(key));
  }

  /** Every object, or those in `namespace` and/or matching `labelSelector`. */
  list(options: StoreListOptions = {}): Readonly<T>[] {
    const candidates =
      options.namespace === undefined
        ? [...this.objects.values()]
        : this.byIndex(StandardIndex.namespace, options.namespace);
    if (options.labelSelector === undefined) return candidates;
    const selector = parseLabelSelector(options.labelSelector);
    return candidates.filter((object) => matchesLabelSelector(selector, object.metadata.labels));
  }

  /** The objects filed under `value` in `index`; throws for an index that does not exist. */
  byIndex(index: string, value: string): Readonly<T>[] {
    const keys = this.requireIndex(index).entries.get(value);
    if (!keys) return [];
    const found: Readonly<T>[] = [];
    for (const key of keys) found.push(this.objects.get(key)!);
    return found;
  }

  /** Every stored object, in insertion order. */
  values(): IterableIterator<Readonly<T>> {
    return this.objects.values();
  }

  /** Adds an index and files every stored object under it. Throws if the name is taken. */
  addIndex(name: string, fn: IndexFunction<T>): void {
    if (this.indexes.has(name)) throw new Error(`index "${name}" already exists`);
    const index: Index<T> = { fn, entries: new Map() };
    this.indexes.set(name, index);
    for (const [key, object] of this.objects) this.fileUnder(name, index, key, object);
  }

  /**
   * Stores an added or modified object. Returns the event, or `undefined` when the stored object already has
   * this resourceVersion.
   */
  upsert(object: T, initial = false): CacheEvent<T> | undefined {
    const key = storeKeyOf(object);
    const old = this.objects.get(key);
    if (old !== undefined && old.metadata.resourceVersion === object.metadata.resourceVersion) return undefined;
    const frozen = this.admit(object);
    if (old !== undefined) this.unindex(key, old);
    this.objects.set(key, frozen);
    this.index(key, frozen);
    return old === undefined
      ? { type: 'added', object: frozen, initial }
      : { type: 'updated', object: frozen, oldObject: old, initial };
  }

  /** Removes an object. Returns the event (carrying the final state), or `undefined` if it was not stored. */
  remove(object: T): CacheEvent<T> | undefined {
    const key = storeKeyOf(object);
    const old = this.objects.get(key);
    if (old === undefined) return undefined;
    this.unindex(key, old);
    this.objects.delete(key);
    return { type: 'deleted', object: this.admit(object), oldObject: old, initial: false };
  }

  /** Prepares a freshly decoded object for sharing: drops managed fields (unless kept) and deep-freezes it. */
  private admit(object: T): Readonly<T> {
    if (!this.keepManagedFields && object.metadata.managedFields !== undefined) delete object.metadata.managedFields;
    return deepFreeze(object);
  }

  /**
   * Replaces the whole content with the result of a (re)list, at once, and returns the difference as
   * `initial` events (see {@link relistDiff}). Unchanged objects keep their existing (frozen) reference.
   */
  replace(objects: readonly T[]): CacheEvent<T>[] {
    const next = new Map<string, Readonly<T>>();
    for (const object of objects) {
      const key = storeKeyOf(object);
      const old = this.objects.get(key);
      const unchanged =
        old !== undefined &&
        old.metadata.uid === object.metadata.uid &&
        old.metadata.resourceVersion === object.metadata.resourceVersion;
      next.set(key, unchanged ? old : this.admit(object));
    }
    const events = relistDiff(this.objects, next);
    for (const event of events) {
      const key = storeKeyOf(event.object);
      if (event.type !== 'added') this.unindex(key, event.oldObject!);
    }
    for (const event of events) {
      if (event.type !== 'deleted') this.index(storeKeyOf(event.object), event.object);
    }
    this.objects = next;
    return events;
  }

  private requireIndex(name: string): Index<T> {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`index "${name}" does not exist; add it with addIndex()`);
    return index;
  }

  private index(key: string, object: Readonly<T>): void {
    for (const [name, index] of this.indexes) this.fileUnder(name, index, key, object);
  }

  private fileUnder(name: string, index: Index<T>, key: string, object: Readonly<T>): void {
    for (const value of this.valuesOf(name, index, key, object)) {
      let keys = index.entries.get(value);
      if (!keys) {
        keys = new Set();
        index.entries.set(value, keys);
      }
      keys.add(key);
    }
  }

  private unindex(key: string, object: Readonly<T>): void {
    for (const [name, index] of this.indexes) {
      for (const value of this.valuesOf(name, index, key, object)) {
        const keys = index.entries.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.entries.delete(value);
      }
    }
  }

  private valuesOf(name: string, index: Index<T>, key: string, object: Readonly<T>): string[] {
    try {
      return index.fn(object);
    } catch (error) {
      this.onIndexError(name, key, error);
      return [];
    }
  }
}
