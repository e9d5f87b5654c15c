import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import { whenAborted } from '../cache/abortable.js';
import type { CacheEvent, InformerSource } from '../cache/types.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import type { Logger } from '../log/logger.js';
import type { Runnable } from '../manager/runnable.js';
import { type ControllerMetrics, controllerMetrics } from '../metrics/controller-metrics.js';
import { workqueueMetrics } from '../metrics/workqueue-metrics.js';
import { type Clock, systemClock } from '../queue/clock.js';
import { defaultControllerRateLimiter } from '../queue/default-rate-limiter.js';
import type { RateLimiter } from '../queue/rate-limiter.js';
import { QueuePriority, type WorkItem, WorkQueue } from '../queue/work-queue.js';
import type { Predicate } from './predicate.js';
import type { RawSource } from './raw-source.js';
import type { ReconcileContext, Reconciler, Result } from './reconciler.js';
import { type Request, requestFromKey, requestKey } from './request.js';
import type { RequestMapper } from './request-mappers.js';
import { isTerminalError } from './terminal-error.js';

/** What a controller needs from its manager. */
export interface ControllerDependencies {
  /** Where the controller's informers come from; the manager starts it and the controller waits for its sync. */
  cache: InformerSource;
  /** The manager's Prometheus registry. */
  registry: Registry;
  /** The root logger; the controller logs through a child with `controller: <name>`. */
  logger: Logger;
  /** Time source of the work queue, backoff and timeouts; defaults to the system clock. */
  clock?: Clock;
}

/** Tuning of a controller (controller-runtime's `controller.Options`). */
export interface ControllerOptions {
  /** How many requests (of different keys) are reconciled at once. Default 1. */
  maxConcurrentReconciles?: number;
  /** Backoff of failed requests. Default: per-key 5 ms doubling to 1000 s, max with an overall 10 qps / burst 100. */
  rateLimiter?: RateLimiter;
  /** How long `start` waits for the informers to sync before failing. Default 2 minutes. */
  cacheSyncTimeoutMs?: number;
  /** Run only on the leader. Default true. */
  needLeaderElection?: boolean;
}

/** One source of requests: an informer kind, the predicates its events must pass and how they map to requests. */
export interface Watch<T extends KubeObject = KubeObject> {
  readonly type: ResourceType<T>;
  readonly predicates: readonly Predicate<T>[];
  readonly toRequests: RequestMapper<T>;
}

/** Everything a {@link Controller} is made of; `controllerBuilder` assembles it. */
export interface ControllerSpec {
  name: string;
  dependencies: ControllerDependencies;
  watches: readonly Watch[];
  /** Sources of requests besides the informers (controller-runtime's `WatchesRawSource`). */
  rawSources?: readonly RawSource[];
  reconciler: Reconciler;
  options?: ControllerOptions;
}

const DEFAULT_CACHE_SYNC_TIMEOUT_MS = 120_000;

/** Controller names per registry: names label the metrics, so they must be unique within a manager. */
const namesInUse = new WeakMap<Registry, Set<string>>();

/**
 * Runs a reconciler over a deduplicating, rate-limited work queue fed by informer events (controller-runtime's
 * internal `Controller`). As a {@link Runnable} it subscribes to its informers, waits for them to sync, then runs
 * its workers until the signal aborts; in-flight reconciles finish before `start` resolves. Outcomes:
 *
 * - return → success: the backoff of the key is reset;
 * - return `{ requeueAfter }` → backoff reset, reconciled again after that delay;
 * - return `{ requeue: true }` → reconciled again after the rate limiter's delay;
 * - throw → logged, counted, retried with backoff;
 * - throw a `TerminalError` → logged, counted, not retried.
 *
 * The controller itself never writes to the API server. Build one with `controllerBuilder`.
 */
export class Controller implements Runnable {
  readonly name: string;
  readonly needsLeaderElection: boolean;
  private readonly queue: WorkQueue;
  private readonly metrics: ControllerMetrics;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly concurrency: number;
  private started = false;

  constructor(private readonly spec: ControllerSpec) {
    const { name, dependencies, options = {} } = spec;
    if (name.trim() === '') throw new Error('a controller needs a name');
    this.concurrency = options.maxConcurrentReconciles ?? 1;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new Error(`controller ${name}: maxConcurrentReconciles must be a positive integer`);
    }
    const names = namesInUse.get(dependencies.registry) ?? new Set<string>();
    if (names.has(name)) throw new Error(`a controller named "${name}" already exists in this manager`);
    names.add(name);
    namesInUse.set(dependencies.registry, names);

    this.name = name;
    this.needsLeaderElection = options.needLeaderElection ?? true;
    this.clock = dependencies.clock ?? systemClock;
    this.log = dependencies.logger.child({ controller: name });
    this.metrics = controllerMetrics(dependencies.registry);
    this.metrics.initialize(name, this.concurrency);
    this.queue = new WorkQueue({
      clock: this.clock,
      rateLimiter: options.rateLimiter ?? defaultControllerRateLimiter(this.clock),
      metrics: workqueueMetrics(dependencies.registry).forQueue(name),
    });
  }

  /** Runs the controller until `signal` aborts. A controller can be started once. */
  async start(signal: AbortSignal): Promise<void> {
    if (this.started) throw new Error(`controller ${this.name} was started more than once`);
    this.started = true;
    this.log.info('Starting Controller');
    const unsubscribes = this.spec.watches.map((watch) =>
      this.spec.dependencies.cache.informerFor(watch.type).subscribe((event) => this.enqueue(watch, event)),
    );
    const stopSources = new AbortController();
    this.startRawSources(AbortSignal.any([signal, stopSources.signal]));
    try {
      await this.waitForCacheSync(signal);
      if (signal.aborted) return;
      this.log.info({ workerCount: this.concurrency }, 'Starting workers');
      const workers = Array.from({ length: this.concurrency }, () => this.runWorker(signal));
      await whenAborted(signal);
      this.log.info('Shutdown signal received, waiting for all workers to finish');
      this.queue.shutDown();
      await Promise.all(workers);
      this.log.info('All workers finished');
    } finally {
      stopSources.abort();
      for (const unsubscribe of unsubscribes) unsubscribe();
      this.queue.shutDown();
    }
  }

  /** Starts the raw sources; their requests join the queue like informer events. Failures are logged. */
  private startRawSources(signal: AbortSignal): void {
    for (const source of this.spec.rawSources ?? []) {
      const enqueue = (request: Request): void => {
        if (!signal.aborted) this.queue.add(requestKey(request), { priority: QueuePriority.normal });
      };
      const failed = (err: unknown): void => {
        if (!signal.aborted) this.log.error({ err, source: source.name }, 'Raw source failed');
      };
      try {
        Promise.resolve(source.start(enqueue, signal)).catch(failed);
      } catch (err) {
        failed(err);
      }
    }
  }

  private async waitForCacheSync(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const timeoutMs = this.spec.options?.cacheSyncTimeoutMs ?? DEFAULT_CACHE_SYNC_TIMEOUT_MS;
    const timeout = new AbortController();
    const cancel = this.clock.schedule(timeoutMs, () =>
      timeout.abort(new Error(`controller ${this.name}: timed out after ${timeoutMs} ms waiting for caches to sync`)),
    );
    const either = AbortSignal.any([signal, timeout.signal]);
    try {
      await Promise.all(
        this.spec.watches.map((watch) => this.spec.dependencies.cache.informerFor(watch.type).waitForSync(either)),
      );
    } catch (err) {
      if (signal.aborted) return;
      throw timeout.signal.aborted ? timeout.signal.reason : err;
    } finally {
      cancel();
    }
  }

  /** Filters an informer event through the predicates and adds the requests it maps to. */
  private enqueue(watch: Watch, event: CacheEvent): void {
    try {
      if (!watch.predicates.every((predicate) => predicate(event))) return;
      const priority = eventPriority(event);
      for (const request of watch.toRequests(event)) this.queue.add(requestKey(request), { priority });
    } catch (err) {
      this.log.error({ err, kind: watch.type.kind, object: event.object.metadata.name }, 'Event handler failed');
    }
  }

  private async runWorker(signal: AbortSignal): Promise<void> {
    for (let item = await this.queue.get(); item; item = await this.queue.get()) {
      try {
        await this.reconcileHandler(item, signal);
      } finally {
        this.queue.done(item.key);
      }
    }
  }

  private async reconcileHandler({ key, priority }: WorkItem, signal: AbortSignal): Promise<void> {
    const request = requestFromKey(key);
    const context: ReconcileContext = {
      logger: this.log.child({ namespace: request.namespace, name: request.name, reconcileID: randomUUID() }),
      signal,
    };
    const labels = { controller: this.name };
    const startedAt = this.clock.now();
    this.metrics.activeWorkers.inc(labels);
    try {
      const result = await this.spec.reconciler(request, context);
      context.logger.debug({ ...result }, 'reconciled');
      this.onSuccess(key, priority, result ?? {});
    } catch (error) {
      this.onError(key, priority, error, context.logger);
    } finally {
      this.metrics.activeWorkers.dec(labels);
      this.metrics.reconcileTime.observe(labels, (this.clock.now() - startedAt) / 1000);
    }
  }

  private onSuccess(key: string, priority: number, result: Result): void {
    const controller = this.name;
    if (result.requeueAfter !== undefined && result.requeueAfter > 0) {
      this.queue.forget(key);
      this.queue.addAfter(key, result.requeueAfter, { priority });
      this.metrics.reconcileTotal.inc({ controller, result: 'requeue_after' });
    } else if (result.requeue) {
      this.queue.addRateLimited(key, { priority });
      this.metrics.reconcileTotal.inc({ controller, result: 'requeue' });
    } else {
      this.queue.forget(key);
      this.metrics.reconcileTotal.inc({ controller, result: 'success' });
    }
  }

  private onError(key: string, priority: number, error: unknown, logger: Logger): void {
    const controller = this.name;
    if (isTerminalError(error)) {
      this.queue.forget(key);
      this.metrics.terminalReconcileErrors.inc({ controller });
    } else {
      this.queue.addRateLimited(key, { priority });
    }
    if (isProgrammingError(error)) this.metrics.reconcilePanics.inc({ controller });
    this.metrics.reconcileErrors.inc({ controller });
    this.metrics.reconcileTotal.inc({ controller, result: 'error' });
    logger.error({ err: error }, 'Reconciler error');
  }
}

/**
 * Objects from the initial list, and resyncs (updates that did not change the resourceVersion), wait behind real
 * changes (controller-runtime's `WithLowPriorityWhenUnchanged`).
 */
function eventPriority(event: CacheEvent): number {
  if (event.initial) return QueuePriority.low;
  const unchanged =
    event.type === 'updated' && event.oldObject?.metadata.resourceVersion === event.object.metadata.resourceVersion;
  return unchanged ? QueuePriority.low : QueuePriority.normal;
}

/**
 * The JavaScript counterpart of a Go panic: a bug such as reading a property of `undefined`. Counted in
 * `controller_runtime_reconcile_panics_total` (and retried like any error). Errors with a `cause` are wrapped
 * failures of a call (Node's `fetch failed` is a `TypeError` with a cause), not bugs.
 */
function isProgrammingError(error: unknown): boolean {
  return (
    (error instanceof TypeError ||
      error instanceof ReferenceError ||
      error instanceof RangeError ||
      error instanceof SyntaxError) &&
    error.cause === undefined
  );
}
