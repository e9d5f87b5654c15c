import { performance } from 'node:perf_hooks';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Registry } from 'prom-client';
import { SharedCache } from '../cache/index.js';
import { KubeClient } from '../client/kube-client.js';
import { EventRecorder } from '../events/recorder.js';
import { createLogger, type Logger } from '../log/logger.js';
import { createMetricsRegistry } from '../metrics/registry.js';
import { instrumentClient } from '../metrics/rest-client-metrics.js';
import { type BindAddress, parseBindAddress } from './bind-address.js';
import { GracefulShutdownTimeoutError } from './errors.js';
import { type HealthChecker, HealthChecks, healthProbeRoute } from './health-checks.js';
import { HttpEndpoint, type RouteHandler } from './http-endpoint.js';
import { type LeaderElectionTimings, LeaderElector } from './leader-election.js';
import { metricsRoute } from './metrics-route.js';
import type { Runnable } from './runnable.js';
import { RunnableGroup } from './runnable-group.js';
import { withDeadline } from './timing.js';

/** Leader election settings of a {@link Manager}; timings default to controller-runtime's (15 s / 10 s / 2 s). */
export interface ManagerLeaderElectionOptions extends LeaderElectionTimings {
  enabled: boolean;
  /** Name of the Lease, unique per component (controller-runtime's `LeaderElectionID`). */
  id: string;
  /** Namespace of the Lease. */
  namespace: string;
  /** Hand the lease over on graceful shutdown so that another replica leads at once. Default true. */
  releaseOnCancel?: boolean;
  /** `holderIdentity` of this process; defaults to `<hostname>_<random UUID>`. */
  identity?: string;
}

/** Options of a {@link Manager}. */
export interface ManagerOptions {
  kubeConfig: KubeConfig;
  /** Field manager of the client's writes and server-side applies. */
  fieldManager?: string;
  /** Restrict the cache to one namespace; all namespaces when absent. */
  namespace?: string;
  /** Root logger; a JSON pino logger when absent. */
  logger?: Logger;
  leaderElection?: ManagerLeaderElectionOptions;
  /** Where `/metrics` is served: `[host]:port` (port 0 picks a free port), or `0` to disable. Default `:8080`. */
  metricsBindAddress?: string;
  /** Where `/healthz` and `/readyz` are served, same format. Default `:8081`. */
  healthProbeBindAddress?: string;
  /** The admission/conversion webhook server; it starts before the cache and stops last. */
  webhookServer?: Runnable;
  /** How long shutdown waits for runnables to stop before giving up. Default 30 000. */
  gracefulShutdownTimeoutMs?: number;
}

/** Name of the readiness check that passes once the cache has synced. */
export const CACHE_SYNC_CHECK = 'cache-sync';

/**
 * Owns what a controller process shares: the API client, the informer cache, the Prometheus registry, the
 * logger, leader election, the health probe and metrics servers, and the runnables (controllers, webhook
 * server). Modelled on controller-runtime's manager, including its start and shutdown order:
 *
 * start: HTTP servers → webhook server → cache (waits for sync) → runnables that need no leadership →
 * leader election → leader-only runnables.
 * stop: leader-only runnables → lease release → other runnables → cache → webhook server → HTTP servers.
 *
 * Nothing is global: several managers can live in one process.
 */
export class Manager {
  /** The write path to the API server. */
  readonly client: KubeClient;
  /** The shared informer cache: the read path for controllers. */
  readonly cache: SharedCache;
  /** This manager's Prometheus registry, served on `/metrics`. */
  readonly registry: Registry;
  /** The root logger; components derive children from it. */
  readonly logger: Logger;
  /** The leader elector, when leader election is enabled. */
  readonly leaderElector?: LeaderElector;

  private readonly log: Logger;
  private readonly healthz = new HealthChecks('healthz');
  private readonly readyz = new HealthChecks('readyz');
  private readonly metricsEndpoint?: HttpEndpoint;
  private readonly healthEndpoint?: HttpEndpoint;
  private readonly webhooks: RunnableGroup;
  private readonly caches: RunnableGroup;
  private readonly others: RunnableGroup;
  private readonly leaderOnly: RunnableGroup;
  private readonly gracefulShutdownTimeoutMs: number;
  private readonly electedSignal: { promise: Promise<void>; resolve: () => void };
  private state: 'new' | 'running' | 'stopped' = 'new';
  private cacheSynced = false;
  private leaderOnlyStarted = false;
  private leadershipLost = false;
  private failure?: { error: unknown };
  private readonly stopping = new AbortController();
  private readonly eventRecorders = new Map<string, EventRecorder>();

  constructor(options: ManagerOptions) {
    this.logger = options.logger ?? createLogger();
    this.log = this.logger.child({ component: 'manager' });
    this.client = new KubeClient(options.kubeConfig, { fieldManager: options.fieldManager });
    this.cache = new SharedCache(this.client, {
      namespace: options.namespace,
      logger: this.logger.child({ component: 'cache' }),
    });
    this.registry = createMetricsRegistry();
    instrumentClient(this.client, this.registry);
    this.gracefulShutdownTimeoutMs = options.gracefulShutdownTimeoutMs ?? 30_000;

    if (options.leaderElection?.enabled) {
      const { enabled, id, ...election } = options.leaderElection;
      this.leaderElector = new LeaderElector({
        ...election,
        client: this.client,
        name: id,
        logger: this.logger.child({ component: 'leader-election' }),
        registry: this.registry,
      });
    }

    const onError = (runnable: Runnable, error: unknown) => this.runnableFailed(runnable, error);
    const groupLogger = this.logger.child({ component: 'runnables' });
    this.webhooks = new RunnableGroup('webhooks', onError, groupLogger);
    this.caches = new RunnableGroup('caches', onError, groupLogger);
    this.others = new RunnableGroup('others', onError, groupLogger);
    this.leaderOnly = new RunnableGroup('leader-election', onError, groupLogger);
    this.caches.add(this.cache);
    if (options.webhookServer) this.webhooks.add(options.webhookServer);

    this.readyz.add(CACHE_SYNC_CHECK, () => {
      if (!this.cacheSynced) throw new Error('cache has not synced yet');
    });
    this.metricsEndpoint = this.endpoint('metrics', options.metricsBindAddress ?? ':8080', metricsRoute(this.registry));
    this.healthEndpoint = this.endpoint(
      'health-probes',
      options.healthProbeBindAddress ?? ':8081',
      healthProbeRoute([this.healthz, this.readyz], this.logger.child({ component: 'health-probes' })),
    );

    let resolveElected!: () => void;
    const elected = new Promise<void>((resolve) => {
      resolveElected = resolve;
    });
    this.electedSignal = { promise: elected, resolve: resolveElected };
  }

  /** The bound address of `/metrics` once started (the real port when port 0 was configured). */
  get metricsAddress(): BindAddress | undefined {
    return this.metricsEndpoint?.address;
  }

  /** The bound address of `/healthz` and `/readyz` once started. */
  get healthProbeAddress(): BindAddress | undefined {
    return this.healthEndpoint?.address;
  }

  /** True while leader-only runnables may run: this manager holds the lease, or leader election is off. */
  get isLeader(): boolean {
    if (this.stopping.signal.aborted) return false;
    return this.leaderElector ? this.leaderElector.isLeader : this.leaderOnlyStarted;
  }

  /** Resolves once leader-only runnables have been started (controller-runtime's `Elected()`). */
  elected(): Promise<void> {
    return this.electedSignal.promise;
  }

  /**
   * Adds a runnable: leader-only ones (`needsLeaderElection`) start once the lease is held, others once the cache
   * has synced. Runnables added while the manager runs start at once when their group already runs.
   */
  add(runnable: Runnable): void {
    if (this.state === 'stopped') throw new Error(`cannot add runnable "${runnable.name}": the manager has stopped`);
    (runnable.needsLeaderElection ? this.leaderOnly : this.others).add(runnable);
  }

  /**
   * The recorder of the Events this manager's controllers write with `source.component` = `component`
   * (controller-runtime's `GetEventRecorderFor`); one per component, so identical events are correlated across
   * the controllers sharing it.
   */
  eventRecorder(component: string): EventRecorder {
    let recorder = this.eventRecorders.get(component);
    if (recorder === undefined) {
      recorder = new EventRecorder({ client: this.client, component, logger: this.logger });
      this.eventRecorders.set(component, recorder);
    }
    return recorder;
  }

  /** Adds a liveness check served on `/healthz` and `/healthz/<name>`. */
  addHealthCheck(name: string, check: HealthChecker): void {
    this.healthz.add(name, check);
  }

  /** Adds a readiness check served on `/readyz` and `/readyz/<name>` (next to the built-in `cache-sync`). */
  addReadinessCheck(name: string, check: HealthChecker): void {
    this.readyz.add(name, check);
  }

  /**
   * Runs the manager until `signal` aborts, then shuts down gracefully and resolves. Rejects with the error of
   * a runnable that failed, with {@link LeaderElectionLostError} when the lease was lost (without waiting for
   * runnables: another replica may already lead), or with {@link GracefulShutdownTimeoutError}.
   */
  async start(signal: AbortSignal): Promise<void> {
    if (this.state !== 'new') throw new Error('a manager can be started only once');
    this.state = 'running';
    const stopRequested = () => this.stopping.abort();
    signal.addEventListener('abort', stopRequested, { once: true });
    if (signal.aborted) stopRequested();
    const leaseRelease = new AbortController();
    let leading: Promise<void> = Promise.resolve();
    try {
      await Promise.all([this.metricsEndpoint?.listen(), this.healthEndpoint?.listen()]);
      this.webhooks.start();
      this.caches.start();
      await this.waitForCacheSync();
      this.others.start();
      leading = this.lead(leaseRelease.signal);
      await new Promise<void>((resolve) => {
        if (this.stopping.signal.aborted) resolve();
        else this.stopping.signal.addEventListener('abort', () => resolve(), { once: true });
      });
    } catch (error) {
      this.fail(error);
    } finally {
      signal.removeEventListener('abort', stopRequested);
    }
    await this.shutdown(leaseRelease, leading);
  }

  /**
   * Runs the manager until SIGTERM or SIGINT, then shuts down gracefully; a second signal exits the process
   * at once with code 1. Rejects as {@link start} does, so `main` can exit non-zero.
   */
  async runUntilSignal(): Promise<void> {
    const controller = new AbortController();
    const onSignal = (name: NodeJS.Signals) => {
      if (controller.signal.aborted) {
        this.log.error({ signal: name }, 'second signal received: exiting immediately');
        process.exit(1);
      }
      this.log.info({ signal: name }, 'signal received: shutting down gracefully');
      controller.abort();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    try {
      await this.start(controller.signal);
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
  }

  private endpoint(name: string, address: string, route: RouteHandler): HttpEndpoint | undefined {
    const bind = parseBindAddress(address);
    if (!bind) return undefined;
    return new HttpEndpoint(name, bind, route, this.logger.child({ component: name }));
  }

  private async waitForCacheSync(): Promise<void> {
    try {
      await this.cache.waitForSync(this.stopping.signal);
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      throw error;
    }
    this.cacheSynced = true;
    this.log.info('cache synced');
  }

  /** Acquires the lease (when enabled), starts leader-only runnables and keeps the lease until released. */
  private async lead(leaseRelease: AbortSignal): Promise<void> {
    const elector = this.leaderElector;
    if (!elector) {
      this.startLeaderOnly();
      return;
    }
    try {
      if (!(await elector.acquire(this.stopping.signal))) return;
      this.startLeaderOnly();
      await elector.keepLeadership(leaseRelease);
    } catch (error) {
      this.fail(error, { leadershipLost: true });
    }
  }

  private startLeaderOnly(): void {
    if (this.stopping.signal.aborted) return;
    this.leaderOnly.start();
    this.leaderOnlyStarted = true;
    this.electedSignal.resolve();
  }

  private runnableFailed(runnable: Runnable, error: unknown): void {
    if (this.stopping.signal.aborted) {
      this.log.error({ err: error, runnable: runnable.name }, 'runnable failed while the manager was stopping');
      return;
    }
    this.log.error({ err: error, runnable: runnable.name }, 'runnable failed: stopping the manager');
    this.fail(error);
  }

  private fail(error: unknown, options: { leadershipLost?: boolean } = {}): void {
    this.failure ??= { error };
    if (options.leadershipLost) this.leadershipLost = true;
    this.stopping.abort();
  }

  /** Stops the groups in controller-runtime's order within the graceful shutdown timeout. */
  private async shutdown(leaseRelease: AbortController, leading: Promise<void>): Promise<void> {
    const timeoutMs = this.leadershipLost ? 0 : this.gracefulShutdownTimeoutMs;
    const deadline = performance.now() + timeoutMs;
    const remaining = () => Math.max(0, deadline - performance.now());
    this.log.info({ timeoutMs }, 'stopping');
    const pending = [...(await this.leaderOnly.stop(remaining()))];
    leaseRelease.abort();
    await withDeadline(leading, remaining(), undefined);
    pending.push(...(await this.others.stop(remaining())));
    // As client-go's event broadcaster on shutdown: the Events the stopped controllers recorded are still written.
    await withDeadline(Promise.all([...this.eventRecorders.values()].map((r) => r.flush())), remaining(), undefined);
    pending.push(...(await this.caches.stop(remaining())));
    pending.push(...(await this.webhooks.stop(remaining())));
    await Promise.all([this.metricsEndpoint?.close(), this.healthEndpoint?.close()]);
    this.state = 'stopped';
    if (this.failure) throw this.failure.error;
    if (pending.length > 0) throw new GracefulShutdownTimeoutError(timeoutMs, pending);
    this.log.info('stopped');
  }
}
