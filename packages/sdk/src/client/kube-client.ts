import type { KubeConfig } from '@kubernetes/client-node';
import { isNotFound } from './errors.js';
import type { KubeList, KubeObject } from './object.js';
import { apiVersionOf, type ResourceType, resourcePath } from './resource-type.js';
import { KubeTransport } from './transport.js';
import { readWatchEvents, type WatchEvent } from './watch-events.js';

/** Namespace + name of one object (namespace omitted for cluster-scoped kinds). */
export interface ObjectKey {
  namespace?: string;
  name: string;
}

/** Lets a caller abandon a request: the HTTP request is aborted and the call rejects. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  dryRun?: boolean;
  /** Overrides the client's field manager for this call. */
  fieldManager?: string;
}

export interface PatchOptions extends WriteOptions {
  /** Patch the `/status` subresource instead of the main resource. */
  subresource?: 'status' | 'scale';
}

export interface ApplyOptions extends PatchOptions {
  /** Take over fields owned by other managers (server-side apply `force`). */
  force?: boolean;
}

export interface DeleteOptions extends CallOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  gracePeriodSeconds?: number;
}

/** One JSON Patch (RFC 6902) operation. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** Called once per API call with its method, path and HTTP status (0 when no answer arrived). */
export type RequestObserver = (method: string, path: string, status: number) => void;

export interface KubeClientOptions {
  /** Field manager for writes and server-side apply; defaults to `capi-ts`. */
  fieldManager?: string;
}

/**
 * Typed access to the API server: get/list/create/update/delete, JSON merge patch, JSON patch, server-side
 * apply and the `/status` subresource, for any kind described by a {@link ResourceType}. Errors are
 * {@link ApiError}s; test them with `isNotFound`, `isConflict`, `isAlreadyExists`, `isInvalid`.
 *
 * This is the *write* path. Controllers read through the cache, not through this client.
 */
export class KubeClient {
  readonly transport: KubeTransport;
  readonly fieldManager: string;
  private readonly observers = new Set<RequestObserver>();

  constructor(source: KubeConfig | KubeTransport, options: KubeClientOptions = {}) {
    this.transport = source instanceof KubeTransport ? source : new KubeTransport(source);
    this.fieldManager = options.fieldManager ?? 'capi-ts';
  }

  /** Registers an observer of every call (for metrics and for tests that count writes). Returns an unsubscribe. */
  observe(observer: RequestObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  async get<T extends KubeObject>(
    type: ResourceType<T>,
    key: ObjectKey | string,
    options: CallOptions = {},
  ): Promise<T> {
    const { namespace, name } = toKey(key);
    return await this.call<T>({ method: 'GET', path: resourcePath(type, namespace, name), signal: options.signal });
  }

  /** Like {@link get}, but `undefined` when the object does not exist. */
  async getOptional<T extends KubeObject>(
    type: ResourceType<T>,
    key: ObjectKey | string,
    options: CallOptions = {},
  ): Promise<T | undefined> {
    try {
      return await this.get(type, key, options);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async list<T extends KubeObject>(type: ResourceType<T>, options: ListOptions = {}): Promise<KubeList<T>> {
    const { namespace, signal, ...query } = options;
    return await this.call<KubeList<T>>({
      method: 'GET',
      path: resourcePath(type, namespace),
      query: { ...query },
      signal,
    });
  }

  /** Lists every page (`limit` + `continue`) and returns all items with the list's resourceVersion. */
  async listAll<T extends KubeObject>(
    type: ResourceType<T>,
    options: Omit<ListOptions, 'continue'> = {},
  ): Promise<KubeList<T>> {
    const items: T[] = [];
    let page = await this.list(type, { limit: 500, ...options });
    items.push(...page.items);
    while (page.metadata.continue) {
      page = await this.list(type, { limit: 500, ...options, continue: page.metadata.continue });
      items.push(...page.items);
    }
    return { ...page, metadata: { resourceVersion: page.metadata.resourceVersion }, items };
  }

  async create<T extends KubeObject>(type: ResourceType<T>, object: T, options: WriteOptions = {}): Promise<T> {
    return await this.call<T>({
      method: 'POST',
      path: resourcePath(type, object.metadata.namespace),
      query: this.writeQuery(options),
      body: withTypeMeta(type, object),
      signal: options.signal,
    });
  }

  /** Replaces the object (PUT); fails with a conflict when `metadata.resourceVersion` is stale. */
  async update<T extends KubeObject>(type: ResourceType<T>, object: T, options: PatchOptions = {}): Promise<T> {
    return await this.call<T>({
      method: 'PUT',
      path: resourcePath(type, object.metadata.namespace, requireName(object), options.subresource),
      query: this.writeQuery(options),
      body: withTypeMeta(type, object),
      signal: options.signal,
    });
  }

  /** Replaces the `/status` subresource (PUT). */
  async updateStatus<T extends KubeObject>(type: ResourceType<T>, object: T, options: WriteOptions = {}): Promise<T> {
    return await this.update(type, object, { ...options, subresource: 'status' });
  }

  /** Deletes the object. Returns false when it was already gone. */
  async delete(type: ResourceType, key: ObjectKey | string, options: DeleteOptions = {}): Promise<boolean> {
    const { namespace, name } = toKey(key);
    const { signal, ...deleteOptions } = options;
    try {
      await this.call({
        method: 'DELETE',
        path: resourcePath(type, namespace, name),
        body: { apiVersion: 'v1', kind: 'DeleteOptions', ...deleteOptions },
        signal,
      });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** JSON merge patch (RFC 7386); `null` values delete fields. */
  async mergePatch<T extends KubeObject>(
    type: ResourceType<T>,
    key: ObjectKey | string,
    patch: unknown,
    options: PatchOptions = {},
  ): Promise<T> {
    return await this.patch(type, key, patch, 'application/merge-patch+json', options);
  }

  /** JSON patch (RFC 6902); add a `test` operation on `/metadata/resourceVersion` for optimistic locking. */
  async jsonPatch<T extends KubeObject>(
    type: ResourceType<T>,
    key: ObjectKey | string,
    operations: JsonPatchOperation[],
    options: PatchOptions = {},
  ): Promise<T> {
    return await this.patch(type, key, operations, 'application/json-patch+json', options);
  }

  /** Server-side apply: the object states the fields this field manager owns. */
  async apply<T extends KubeObject>(type: ResourceType<T>, object: T, options: ApplyOptions = {}): Promise<T> {
    return await this.patch(
      type,
      { namespace: object.metadata.namespace, name: requireName(object) },
      withTypeMeta(type, object),
      'application/apply-patch+yaml',
      { ...options },
      options.force ?? false,
    );
  }

  /** Opens a watch and yields its events until the server closes it or `signal` aborts. */
  async *watch<T extends KubeObject>(type: ResourceType<T>, options: WatchOptions = {}): AsyncGenerator<WatchEvent<T>> {
    const { namespace, signal, ...query } = options;
    const path = resourcePath(type, namespace);
    let status = 0;
    try {
      const stream = await this.transport.stream({ method: 'GET', path, query: { ...query, watch: 'true' }, signal });
      status = stream.statusCode ?? 0;
      try {
        yield* readWatchEvents<T>(stream);
      } finally {
        stream.destroy();
      }
    } catch (err) {
      status = (err as { code?: number }).code ?? status;
      throw err;
    } finally {
      this.notify('WATCH', path, status);
    }
  }

  private async patch<T extends KubeObject>(
    type: ResourceType<T>,
    key: ObjectKey | string,
    body: unknown,
    contentType: string,
    options: PatchOptions,
    force?: boolean,
  ): Promise<T> {
    const { namespace, name } = toKey(key);
    return await this.call<T>({
      method: 'PATCH',
      path: resourcePath(type, namespace, name, options.subresource),
      query: { ...this.writeQuery(options), force },
      body,
      contentType,
      signal: options.signal,
    });
  }

  private writeQuery(options: WriteOptions): Record<string, string | undefined> {
    return { fieldManager: options.fieldManager ?? this.fieldManager, dryRun: options.dryRun ? 'All' : undefined };
  }

  private async call<T>(req: Parameters<KubeTransport['request']>[0]): Promise<T> {
    let status = 0;
    try {
      const result = await this.transport.exchange<T>(req);
      status = result.status;
      return result.body;
    } catch (err) {
      status = (err as { code?: number }).code ?? 0;
      throw err;
    } finally {
      this.notify(req.method, req.path, status);
    }
  }

  private notify(method: string, path: string, status: number): void {
    for (const observer of this.observers) observer(method, path, status);
  }
}

function toKey(key: ObjectKey | string): ObjectKey {
  return typeof key === 'string' ? { name: key } : key;
}

function requireName(object: KubeObject): string {
  const name = object.metadata.name;
  if (!name) throw new Error('object has no metadata.name');
  return name;
}

function withTypeMeta<T extends KubeObject>(type: ResourceType<T>, object: T): T {
  return { ...object, apiVersion: apiVersionOf(type), kind: type.kind };
}
