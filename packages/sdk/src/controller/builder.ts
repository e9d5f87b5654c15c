import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { Controller, type ControllerDependencies, type ControllerOptions, type Watch } from './controller.js';
import type { Predicate } from './predicate.js';
import { resourceHasFilterLabel } from './predicates.js';
import type { RawSource } from './raw-source.js';
import type { Reconciler } from './reconciler.js';
import { type MapFunction, requestsForObject, requestsForOwner, requestsFromMap } from './request-mappers.js';
import { watchFilteredReconciler } from './watch-filtered-reconciler.js';

/** Options of one watched kind. */
export interface ControllerWatchOptions<T extends KubeObject = KubeObject> {
  /** Events must pass all of these (after the controller-wide event filters). */
  predicates?: Predicate<T>[];
}

interface PendingWatch {
  type: ResourceType;
  predicates: readonly Predicate[];
  /** Resolved at build time, once the `for` kind is known. */
  mapper: (forType: ResourceType | undefined) => Watch['toRequests'];
  /** The watch of the `for` kind itself. */
  isFor?: boolean;
}

/**
 * Assembles a {@link Controller} (controller-runtime's builder):
 *
 * ```ts
 * const controller = controllerBuilder({ cache, registry, logger })
 *   .for(lxcMachineType, { predicates: [predicates.resourceNotPaused] })
 *   .owns(builtin.secret)
 *   .watches(machineType, machineToLxcMachine)
 *   .withConcurrency(4)
 *   .build(reconcileLxcMachine);
 * manager.add(controller);
 * ```
 *
 * The name defaults to the lower-cased kind of `for`.
 */
export class ControllerBuilder {
  private name: string | undefined;
  private forType: ResourceType | undefined;
  private readonly pending: PendingWatch[] = [];
  private readonly eventFilters: Predicate[] = [];
  private readonly rawSources: RawSource[] = [];
  private options: ControllerOptions = {};
  private watchFilterValue: string | undefined;

  constructor(private readonly dependencies: ControllerDependencies) {}

  /** Names the controller: in logs, metrics labels and the work queue. Must be unique within a manager. */
  named(name: string): this {
    this.name = name;
    return this;
  }

  /** The kind this controller reconciles: each of its events enqueues the object itself. Call once. */
  for<T extends KubeObject>(type: ResourceType<T>, options: ControllerWatchOptions<T> = {}): this {
    if (this.forType) throw new Error(`for() was already called with ${this.forType.kind}`);
    this.forType = type;
    this.pending.push({
      type,
      predicates: (options.predicates ?? []) as Predicate[],
      mapper: () => requestsForObject,
      isFor: true,
    });
    return this;
  }

  /**
   * A kind this controller creates and controls: each of its events enqueues the owner named by its controller
   * owner reference (`controller: true`), when that owner is of the `for` kind (matched on group and kind).
   */
  owns<T extends KubeObject>(type: ResourceType<T>, options: ControllerWatchOptions<T> = {}): this {
    this.pending.push({
      type,
      predicates: (options.predicates ?? []) as Predicate[],
      mapper: (forType) => {
        if (!forType) throw new Error(`owns(${type.kind}) needs for() to know the owner kind`);
        return requestsForOwner(forType);
      },
    });
    return this;
  }

  /** Any other kind: each of its events enqueues the requests `map` returns for the object (and its old state). */
  watches<T extends KubeObject>(
    type: ResourceType<T>,
    map: MapFunction<T>,
    options: ControllerWatchOptions<T> = {},
  ): this {
    const toRequests = requestsFromMap(map) as Watch['toRequests'];
    this.pending.push({ type, predicates: (options.predicates ?? []) as Predicate[], mapper: () => toRequests });
    return this;
  }

  /**
   * Requests from outside the cluster, e.g. an external system's event stream (controller-runtime's
   * `WatchesRawSource`). Event filters do not apply: the source decides which objects to enqueue.
   */
  watchesRawSource(source: RawSource): this {
    this.rawSources.push(source);
    return this;
  }

  /** A predicate every event of every watched kind must pass (controller-runtime's `WithEventFilter`). */
  withEventFilter(predicate: Predicate): this {
    this.eventFilters.push(predicate);
    return this;
  }

  /**
   * Reconciles only `for` objects labelled `cluster.x-k8s.io/watch-filter=<value>` (the `--watch-filter` flag, to
   * shard clusters over several instances): their events are filtered, and a request another watch mapped to an
   * object without the label is skipped before the reconciler runs. Unlike a {@link withEventFilter} of
   * `resourceHasFilterLabel`, events of unlabelled related objects (Secrets, ConfigMaps) still wake labelled ones.
   * No value (or an empty one) reconciles everything.
   */
  withWatchFilter(value: string | undefined): this {
    this.watchFilterValue = value || undefined;
    return this;
  }

  /** How many different requests are reconciled at once (`MaxConcurrentReconciles`). Default 1. */
  withConcurrency(maxConcurrentReconciles: number): this {
    this.options = { ...this.options, maxConcurrentReconciles };
    return this;
  }

  /** Rate limiter, cache sync timeout, leader election; merged over earlier calls. */
  withOptions(options: ControllerOptions): this {
    this.options = { ...this.options, ...options };
    return this;
  }

  /** Builds the controller; add it to the manager, which starts it. */
  build(reconciler: Reconciler): Controller {
    const name = this.name ?? this.forType?.kind.toLowerCase();
    if (!name) throw new Error('a controller needs for() or named()');
    if (this.pending.length === 0 && this.rawSources.length === 0)
      throw new Error(`controller ${name} watches nothing: call for(), owns(), watches() or watchesRawSource()`);
    const filter = this.watchFilterValue;
    if (filter !== undefined && !this.forType) throw new Error(`controller ${name}: withWatchFilter() needs for()`);
    const watches: Watch[] = this.pending.map((watch) => ({
      type: watch.type,
      predicates: [
        ...this.eventFilters,
        ...(filter !== undefined && watch.isFor ? [resourceHasFilterLabel(filter)] : []),
        ...watch.predicates,
      ],
      toRequests: watch.mapper(this.forType),
    }));
    const rawSources = [...this.rawSources];
    return new Controller({
      name,
      dependencies: this.dependencies,
      watches,
      rawSources,
      reconciler:
        filter !== undefined && this.forType
          ? watchFilteredReconciler(reconciler, this.dependencies.cache.informerFor(this.forType), filter)
          : reconciler,
      options: this.options,
    });
  }
}

/** Starts building a controller over the manager's cache, registry and logger. */
export function controllerBuilder(dependencies: ControllerDependencies): ControllerBuilder {
  return new ControllerBuilder(dependencies);
}
