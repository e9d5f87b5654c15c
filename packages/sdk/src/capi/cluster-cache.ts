import { KubeConfig } from '@kubernetes/client-node';
import { whenAborted } from '../cache/abortable.js';
import { SharedCache, type SharedCacheOptions } from '../cache/shared-cache.js';
import type { CacheEvent, InformerSource } from '../cache/types.js';
import { builtin, type Secret } from '../client/builtin.js';
import { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { type Logger, silentLogger } from '../log/logger.js';
import type { Runnable } from '../manager/runnable.js';
import { secretValue } from './cluster-secrets.js';
import { type KubeconfigReference, kubeconfigReferenceKey } from './kubeconfig-reference.js';
import { type RemoteEventMapper, RemoteEventSource } from './remote-event-source.js';
import { capiTypes } from './resources.js';

/** A connection to a remote cluster: a client and a cache of the kinds watched there. */
export interface RemoteCluster {
  readonly reference: KubeconfigReference;
  /** Verifies TLS against the CA in the kubeconfig. */
  readonly client: KubeClient;
  /** Informers of the remote cluster, started on first use; check `synced` before trusting a list. */
  readonly cache: InformerSource;
}

/** Options of {@link ClusterCache}. */
export interface ClusterCacheOptions {
  /** The management cluster's cache: kubeconfig Secrets are read from it, and its Secret and Cluster events tear down. */
  cache: InformerSource;
  logger?: Logger;
  /** Options of each remote cluster's cache (reconnect backoff, inactivity timeout...). */
  remoteCacheOptions?: Omit<SharedCacheOptions, 'logger'>;
}

interface Connection extends RemoteCluster {
  readonly kubeconfig: string;
  readonly stop: AbortController;
  readonly running: Promise<void>;
  /** Remote event sources subscribed on this connection, with their unsubscribe functions. */
  readonly subscriptions: Map<RemoteEventSource, () => void>;
}

/**
 * Connections to remote clusters (Cluster API's `ClusterCache`): per kubeconfig reference, one client and one cache
 * of the kinds watched there, built from the kubeconfig Secret in the management cluster's cache. Remote events reach
 * controllers through {@link RemoteEventSource}s, mapped back to management-cluster objects, so that reconcilers
 * wait for workload-cluster changes instead of polling.
 *
 * A connection is torn down when its Secret is deleted or the referenced Cluster is gone, and replaced (with
 * the same watches) when the kubeconfig in the Secret changes. Add the cache to the manager: it tears every
 * connection down when the manager stops.
 */
export class ClusterCache implements Runnable {
  readonly name = 'cluster-cache';
  readonly needsLeaderElection = false;
  private readonly connections = new Map<string, Connection>();
  private readonly log: Logger;
  private readonly stopped = new AbortController();
  private watchingClusters = false;

  constructor(private readonly options: ClusterCacheOptions) {
    this.log = options.logger ?? silentLogger();
  }

  /** A source of `type` events in remote clusters, mapped to requests by `map`; see {@link watch}. */
  eventSource<T extends KubeObject>(
    name: string,
    type: ResourceType<T>,
    map: RemoteEventMapper<T>,
  ): RemoteEventSource<T> {
    return new RemoteEventSource(name, type, map);
  }

  /**
   * The connection to the cluster `reference` reaches, opened on first use; `undefined` while the Secret or its key
   * does not exist.
   */
  get(reference: KubeconfigReference): RemoteCluster | undefined {
    if (this.stopped.signal.aborted) throw new Error('the cluster cache is stopped');
    const key = kubeconfigReferenceKey(reference);
    const existing = this.connections.get(key);
    if (existing) return existing;
    if (reference.cluster && this.isClusterGone(reference)) return undefined;
    const kubeconfig = this.kubeconfigOf(reference);
    if (kubeconfig === undefined) return undefined;
    return this.connect(reference, kubeconfig, []);
  }

  /**
   * Sends `source`'s kind of events of the cluster `reference` reaches to `source` (once per connection: calling it
   * on every reconcile is cheap). Returns the connection, or `undefined` while the kubeconfig does not exist.
   */
  watch<T extends KubeObject>(reference: KubeconfigReference, source: RemoteEventSource<T>): RemoteCluster | undefined {
    const connection = this.get(reference) as Connection | undefined;
    if (!connection) return undefined;
    this.subscribe(connection, source as unknown as RemoteEventSource);
    return connection;
  }

  /** Whether a connection to the cluster `reference` reaches is open. */
  isConnected(reference: KubeconfigReference): boolean {
    return this.connections.has(kubeconfigReferenceKey(reference));
  }

  /** Closes the connection of `reference`, if any; the next {@link get} opens a new one. */
  disconnect(reference: KubeconfigReference): void {
    const key = kubeconfigReferenceKey(reference);
    const connection = this.connections.get(key);
    if (!connection) return;
    this.connections.delete(key);
    for (const unsubscribe of connection.subscriptions.values()) unsubscribe();
    connection.stop.abort();
    this.log.info({ kubeconfig: key }, 'Disconnected from remote cluster');
  }

  /** Follows kubeconfig Secrets until `signal` aborts, then closes every connection. */
  async start(signal: AbortSignal): Promise<void> {
    const unsubscribe = this.options.cache.informerFor(builtin.secret).subscribe((event) => this.onSecret(event));
    await whenAborted(signal);
    unsubscribe();
    this.stopped.abort();
    const running = [...this.connections.values()].map((c) => c.running);
    for (const connection of [...this.connections.values()]) this.disconnect(connection.reference);
    await Promise.all(running);
  }

  /** Whether the referenced Cluster is known to be deleted (the Cluster informer is synced and lacks it). */
  private isClusterGone({ cluster }: KubeconfigReference): boolean {
    if (!cluster) return false;
    this.watchClusters();
    const clusters = this.options.cache.informerFor(capiTypes.cluster);
    return clusters.synced && clusters.get(cluster) === undefined;
  }

  private kubeconfigOf(reference: KubeconfigReference): string | undefined {
    const secret = this.options.cache
      .informerFor(builtin.secret)
      .get({ namespace: reference.namespace, name: reference.secretName });
    return secret ? secretValue(secret, reference.key)?.toString('utf8') : undefined;
  }

  private connect(
    reference: KubeconfigReference,
    kubeconfig: string,
    sources: readonly RemoteEventSource[],
  ): Connection {
    const key = kubeconfigReferenceKey(reference);
    const config = new KubeConfig();
    config.loadFromString(kubeconfig);
    const client = new KubeClient(config);
    const logger = this.log.child({ kubeconfig: key });
    const cache = new SharedCache(client, { ...this.options.remoteCacheOptions, logger });
    const stop = new AbortController();
    const running = cache.start(stop.signal).catch((err: unknown) => {
      logger.error({ err }, 'Remote cluster cache failed');
    });
    const connection: Connection = {
      reference,
      client,
      cache,
      kubeconfig,
      stop,
      running,
      subscriptions: new Map(),
    };
    this.connections.set(key, connection);
    if (reference.cluster) this.watchClusters();
    for (const source of sources) this.subscribe(connection, source);
    logger.info('Connected to remote cluster');
    return connection;
  }

  private subscribe(connection: Connection, source: RemoteEventSource): void {
    if (connection.subscriptions.has(source)) return;
    const unsubscribe = connection.cache
      .informerFor(source.type)
      .subscribe((event) => source.deliver(event, connection.reference));
    connection.subscriptions.set(source, unsubscribe);
  }

  /** A deleted Secret closes its connections; a changed kubeconfig replaces them, keeping their watches. */
  private onSecret(event: CacheEvent<Secret>): void {
    const { namespace, name } = event.object.metadata;
    for (const connection of [...this.connections.values()]) {
      const { reference } = connection;
      if (reference.namespace !== namespace || reference.secretName !== name) continue;
      const kubeconfig = event.type === 'deleted' ? undefined : secretValue(event.object, reference.key)?.toString();
      if (kubeconfig === connection.kubeconfig) continue;
      const sources = [...connection.subscriptions.keys()];
      this.disconnect(reference);
      if (kubeconfig !== undefined && !this.stopped.signal.aborted) this.connect(reference, kubeconfig, sources);
    }
  }

  /** Clusters are followed once a connection names one: its deletion closes the connection. */
  private watchClusters(): void {
    if (this.watchingClusters) return;
    this.watchingClusters = true;
    this.options.cache.informerFor(capiTypes.cluster).subscribe((event) => {
      if (event.type !== 'deleted') return;
      const { namespace, name } = event.object.metadata;
      for (const connection of [...this.connections.values()]) {
        const cluster = connection.reference.cluster;
        if (cluster && cluster.namespace === namespace && cluster.name === name) this.disconnect(connection.reference);
      }
    });
  }
}
