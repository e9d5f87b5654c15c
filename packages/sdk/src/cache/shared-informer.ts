import type { KubeClient, ObjectKey } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { type Logger, silentLogger } from '../log/logger.js';
import type { Runnable } from '../manager/runnable.js';
import { IndexedStore } from './indexed-store.js';
import { Reflector, type ReflectorOptions, type ReflectorStats } from './reflector.js';
import type { CacheEvent, CacheEventHandler, IndexFunction, Informer, StoreListOptions } from './types.js';

/** Options of a {@link SharedInformer}: the reflector's tuning, with an optional logger. */
export interface SharedInformerOptions extends Omit<ReflectorOptions, 'logger'> {
  /** Receives list/watch failures and handler errors. Default: silent. */
  logger?: Logger;
  /** Keep `metadata.managedFields` in the store (dropped by default to save memory). */
  keepManagedFields?: boolean;
}

/**
 * The informer of one kind: a {@link Reflector} feeding an {@link IndexedStore}, with subscribers told of every
 * change. Objects are deep-frozen and shared by reference with every reader and subscriber, never copied.
 *
 * Usually obtained from {@link SharedCache.informerFor}, which shares one per kind; it is also a
 * {@link Runnable} of its own.
 */
export class SharedInformer<T extends KubeObject = KubeObject> implements Informer<T>, Runnable {
  readonly name: string;
  readonly needsLeaderElection = false;
  private readonly store: IndexedStore<T>;
  private readonly reflector: Reflector<T>;
  /** One entry per subscribe() call, so that the same handler may subscribe twice and unsubscribe once. */
  private readonly subscriptions = new Set<{ readonly handler: CacheEventHandler<T> }>();
  private readonly log: Logger;
  private hasSynced = false;
  private running = false;
  private markSynced!: () => void;
  private readonly syncedOnce = new Promise<void>((resolve) => {
    this.markSynced = resolve;
  });

  constructor(
    client: KubeClient,
    readonly type: ResourceType<T>,
    options: SharedInformerOptions = {},
  ) {
    const resource = type.group === '' ? type.plural : `${type.plural}.${type.group}`;
    this.name = `informer/${resource}`;
    this.log = (options.logger ?? silentLogger()).child({ informer: resource, version: type.version });
    this.store = new IndexedStore<T>(
      (index, key, err) => this.log.error({ err, index, key }, 'index function threw; object left out of the index'),
      options.keepManagedFields,
    );
    this.reflector = new Reflector(
      client,
      type,
      {
        replace: (objects) => {
          const events = this.store.replace(objects);
          this.hasSynced = true;
          this.markSynced();
          this.emit(events);
        },
        upsert: (object) => this.emit([this.store.upsert(object)]),
        remove: (object) => this.emit([this.store.remove(object)]),
      },
      { ...options, logger: this.log },
    );
  }

  /** True once the initial list has been stored. */
  get synced(): boolean {
    return this.hasSynced;
  }

  /** Counters of lists, `410 Gone` relists, watches, watchdog restarts and failures. */
  get stats(): Readonly<ReflectorStats> {
    return this.reflector.stats;
  }

  /** The resourceVersion the informer is up to date with (`undefined` before the first list). */
  get resourceVersion(): string | undefined {
    return this.reflector.resourceVersion;
  }

  get size(): number {
    return this.store.size;
  }

  get(key: ObjectKey): Readonly<T> | undefined {
    return this.store.get(key);
  }

  list(options?: StoreListOptions): Readonly<T>[] {
    return this.store.list(options);
  }

  byIndex(index: string, value: string): Readonly<T>[] {
    return this.store.byIndex(index, value);
  }

  addIndex(name: string, fn: IndexFunction<T>): void {
    this.store.addIndex(name, fn);
  }

  /**
   * Subscribes to changes. Objects already stored are replayed at once, synchronously, as `added` events with
   * `initial: true`, so a late subscriber sees the same world as an early one. A handler that throws is logged
   * and does not disturb the informer or other handlers.
   */
  subscribe(handler: CacheEventHandler<T>): () => void {
    const subscription = { handler };
    this.subscriptions.add(subscription);
    for (const object of this.store.values()) this.deliver(handler, { type: 'added', object, initial: true });
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  async waitForSync(signal?: AbortSignal): Promise<void> {
    if (this.hasSynced) return;
    if (!signal) return await this.syncedOnce;
    signal.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      void this.syncedOnce.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /** Lists and watches until `signal` aborts; resolves once the watch is closed. Not re-entrant. */
  async start(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.running = true;
    try {
      await this.reflector.run(signal);
    } finally {
      this.running = false;
    }
  }

  private emit(events: readonly (CacheEvent<T> | undefined)[]): void {
    if (this.subscriptions.size === 0) return;
    const subscriptions = [...this.subscriptions];
    for (const event of events) {
      if (event === undefined) continue;
      for (const subscription of subscriptions) {
        if (this.subscriptions.has(subscription)) this.deliver(subscription.handler, event);
      }
    }
  }

  private deliver(handler: CacheEventHandler<T>, event: CacheEvent<T>): void {
    try {
      handler(event);
    } catch (err) {
      const { namespace, name } = event.object.metadata;
      this.log.error({ err, event: event.type, namespace, name }, 'cache event handler threw');
    }
  }
}
