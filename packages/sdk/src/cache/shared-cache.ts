import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { type Logger, silentLogger } from '../log/logger.js';
import type { Runnable } from '../manager/runnable.js';
import { whenAborted } from './abortable.js';
import type { BackoffOptions } from './reconnect-backoff.js';
import { SharedInformer } from './shared-informer.js';
import type { InformerSource } from './types.js';

/** Options of a {@link SharedCache}. */
export interface SharedCacheOptions {
  /** Cache namespaced kinds of this namespace only (cluster-scoped kinds are always cached whole). */
  namespace?: string;
  /** Receives list/watch failures and relists. Default: silent. */
  logger?: Logger;
  /** Restart a watch that received nothing, not even a bookmark, for this long. Default 3 minutes. */
  watchInactivityTimeoutMs?: number;
  /** Reconnect backoff of every informer. Default 0.8 s doubling to 30 s, reset after 120 s of health. */
  backoff?: Partial<BackoffOptions>;
  /** Keep `metadata.managedFields` in the stores (dropped by default to save memory). */
  keepManagedFields?: boolean;
}

/**
 * The manager's read path: one {@link SharedInformer} per kind (keyed by group, version and plural), shared by
 * every controller that reads the kind. As a {@link Runnable} it runs all its informers until its signal aborts;
 * an informer requested after {@link start} starts at once.
 */
export class SharedCache implements InformerSource, Runnable {
  readonly name = 'cache';
  readonly needsLeaderElection = false;
  private readonly informers = new Map<string, SharedInformer>();
  private readonly running: Promise<void>[] = [];
  private readonly log: Logger;
  private signal: AbortSignal | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly options: SharedCacheOptions = {},
  ) {
    this.log = options.logger ?? silentLogger();
  }

  /** The shared informer of `type`, created (and started, if the cache runs) on first request. */
  informerFor<T extends KubeObject>(type: ResourceType<T>): SharedInformer<T> {
    const key = `${type.group}/${type.version}/${type.plural}`;
    let informer = this.informers.get(key) as SharedInformer<T> | undefined;
    if (!informer) {
      informer = new SharedInformer(this.client, type, {
        namespace: this.options.namespace,
        logger: this.log,
        watchInactivityTimeoutMs: this.options.watchInactivityTimeoutMs,
        backoff: this.options.backoff,
        keepManagedFields: this.options.keepManagedFields,
      });
      this.informers.set(key, informer as unknown as SharedInformer);
      if (this.signal && !this.signal.aborted) this.launch(informer as unknown as SharedInformer, this.signal);
    }
    return informer;
  }

  /** Resolves once every informer (including any created while waiting) has synced; rejects if `signal` aborts. */
  async waitForSync(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const pending = [...this.informers.values()].filter((informer) => !informer.synced);
      if (pending.length === 0) return;
      await Promise.all(pending.map((informer) => informer.waitForSync(signal)));
    }
  }

  /** Runs every informer until `signal` aborts; resolves once all their watches are closed. */
  async start(signal: AbortSignal): Promise<void> {
    if (this.signal) throw new Error('the cache was already started');
    this.signal = signal;
    for (const informer of this.informers.values()) this.launch(informer, signal);
    await whenAborted(signal);
    await Promise.all(this.running);
  }

  private launch(informer: SharedInformer, signal: AbortSignal): void {
    this.running.push(
      informer
        .start(signal)
        .catch((err: unknown) => this.log.error({ err, informer: informer.name }, 'informer crashed')),
    );
  }
}
