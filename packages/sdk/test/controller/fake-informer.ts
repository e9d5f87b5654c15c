import type { CacheEvent, CacheEventHandler, Informer, InformerSource } from '../../src/cache/types.js';
import type { ObjectKey } from '../../src/client/kube-client.js';
import type { KubeObject } from '../../src/client/object.js';
import type { ResourceType } from '../../src/client/resource-type.js';

const keyOf = (key: ObjectKey) => (key.namespace ? `${key.namespace}/${key.name}` : key.name);

/**
 * An in-memory {@link Informer} the test drives: `set`/`remove` change the store and notify subscribers,
 * `markSynced` ends the "initial list". Events before `markSynced` are flagged `initial`.
 */
export class FakeInformer<T extends KubeObject = KubeObject> implements Informer<T> {
  private readonly objects = new Map<string, Readonly<T>>();
  private readonly handlers = new Set<CacheEventHandler<T>>();
  private readonly syncWaiters: Array<() => void> = [];
  private resourceVersion = 0;
  synced = false;

  constructor(readonly type: ResourceType<T>) {}

  get size(): number {
    return this.objects.size;
  }

  get subscribers(): number {
    return this.handlers.size;
  }

  get(key: ObjectKey): Readonly<T> | undefined {
    return this.objects.get(keyOf(key));
  }

  list(): Readonly<T>[] {
    return [...this.objects.values()];
  }

  byIndex(): Readonly<T>[] {
    throw new Error('FakeInformer has no indexes');
  }

  addIndex(): void {
    throw new Error('FakeInformer has no indexes');
  }

  subscribe(handler: CacheEventHandler<T>): () => void {
    this.handlers.add(handler);
    for (const object of this.objects.values()) handler({ type: 'added', object, initial: true });
    return () => {
      this.handlers.delete(handler);
    };
  }

  waitForSync(signal?: AbortSignal): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      this.syncWaiters.push(resolve);
    });
  }

  markSynced(): void {
    this.synced = true;
    for (const resolve of this.syncWaiters.splice(0)) resolve();
  }

  /** Stores the object (with a fresh resourceVersion unless `keepResourceVersion`) and emits added/updated. */
  set(object: T, options: { keepResourceVersion?: boolean } = {}): Readonly<T> {
    const key = keyOf({ namespace: object.metadata.namespace, name: object.metadata.name! });
    const oldObject = this.objects.get(key);
    const resourceVersion = options.keepResourceVersion
      ? oldObject?.metadata.resourceVersion
      : String(++this.resourceVersion);
    const stored = Object.freeze({ ...object, metadata: { ...object.metadata, resourceVersion } }) as Readonly<T>;
    this.objects.set(key, stored);
    this.emit(
      oldObject
        ? { type: 'updated', object: stored, oldObject, initial: !this.synced }
        : { type: 'added', object: stored, initial: !this.synced },
    );
    return stored;
  }

  remove(key: ObjectKey): void {
    const object = this.objects.get(keyOf(key));
    if (!object) return;
    this.objects.delete(keyOf(key));
    this.emit({ type: 'deleted', object, initial: false });
  }

  private emit(event: CacheEvent<T>): void {
    for (const handler of this.handlers) handler(event);
  }
}

/** Hands out one {@link FakeInformer} per kind. */
export class FakeSource implements InformerSource {
  private readonly informers = new Map<string, FakeInformer>();

  informerFor<T extends KubeObject>(type: ResourceType<T>): FakeInformer<T> {
    const key = `${type.group}/${type.version}/${type.plural}`;
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new FakeInformer(type as ResourceType);
      this.informers.set(key, informer);
    }
    return informer as unknown as FakeInformer<T>;
  }

  /** Marks every informer handed out so far as synced. */
  markSynced(): void {
    for (const informer of this.informers.values()) informer.markSynced();
  }
}
