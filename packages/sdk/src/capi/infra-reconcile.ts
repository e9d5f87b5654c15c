import type { Registry } from 'prom-client';
import type { InformerSource } from '../cache/types.js';
import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { type ConditionLayout, ConditionLayouts } from '../conditions/layout.js';
import { defaultMergeStrategy, groupReason } from '../conditions/merge-strategy.js';
import { setCondition } from '../conditions/setters.js';
import { setSummaryCondition } from '../conditions/summary.js';
import { ConditionReason, ConditionType } from '../conditions/types.js';
import type { ControllerOptions } from '../controller/controller.js';
import { ensureFinalizer, hasFinalizer } from '../finalizer/finalizers.js';
import type { Logger } from '../log/logger.js';
import { createPatchHelper, type PatchHelper } from '../patch/patch-helper.js';
import type { BackendResult } from './backend.js';
import { type FieldCheck, schemaFieldCheck } from './infra-schema.js';
import { ensurePausedCondition, pausedCondition } from './pause.js';
import type { Cluster } from './types.js';

/** What the infrastructure controllers need from their manager; a `Manager` has all of it. */
export interface InfraControllerHost {
  client: KubeClient;
  cache: InformerSource;
  registry: Registry;
  logger: Logger;
}

/** Options shared by `infraMachineController` and `infraClusterController`. */
export interface InfraControllerOptions<T extends KubeObject> {
  /** The manager (or anything with its client, cache, registry and logger). */
  manager: InfraControllerHost;
  /** The provider's kind, e.g. a `defineResource()` definition; its schema is checked for the contract fields. */
  type: ResourceType<T>;
  /** The finalizer guarding the external resources, e.g. `inmemorymachine.infrastructure.example.dev`. */
  finalizer: string;
  /** How many objects are reconciled at once (the `--concurrency` flag). Default 1. */
  concurrency?: number;
  /** Reconcile only objects labelled `cluster.x-k8s.io/watch-filter=<value>` (the `--watch-filter` flag). */
  watchFilter?: string;
  /** Controller name in logs and metrics; default the lower-cased kind. */
  name?: string;
  /**
   * The condition that tells whether the infrastructure exists: the plumbing sets it `False` with a `Waiting…`
   * reason while it waits, and with reason `Deleting` on deletion; the backend sets it otherwise.
   */
  provisionedCondition?: string;
  /**
   * The conditions the `Ready` condition summarises (Cluster API copies `Ready` into the Machine's
   * `InfrastructureReady` / the Cluster's `InfrastructureReady`). Default `[provisionedCondition]`.
   */
  readyConditions?: readonly string[];
  /** Where the kind keeps its conditions; default `status.conditions` (an API version of the v1beta2 contract). */
  conditionLayout?: ConditionLayout;
  /**
   * Also write the v1beta1 contract's `status.ready` next to `status.initialization.provisioned`, as upstream
   * providers still do for older readers. Default true; the schema must then declare `status.ready`.
   */
  v1beta1Ready?: boolean;
  /** Rate limiter, cache sync timeout, leader election of the controller. */
  controllerOptions?: ControllerOptions;
}

/** The resolved settings of one infrastructure controller. */
export interface InfraSettings<T extends KubeObject> {
  client: KubeClient;
  type: ResourceType<T>;
  finalizer: string;
  layout: ConditionLayout;
  provisionedCondition: string;
  readyConditions: readonly string[];
  v1beta1Ready: boolean;
  checkField: FieldCheck;
}

/** Resolves and checks the options; throws when the kind's schema lacks a field the contract writes. */
export function infraSettings<T extends KubeObject>(
  options: InfraControllerOptions<T>,
  defaultProvisionedCondition: string,
): InfraSettings<T> {
  const layout = options.conditionLayout ?? ConditionLayouts.v1beta2;
  const provisionedCondition = options.provisionedCondition ?? defaultProvisionedCondition;
  const readyConditions = options.readyConditions ?? [provisionedCondition];
  if (readyConditions.length === 0 || readyConditions.includes(ConditionType.Ready)) {
    throw new Error(`${options.type.kind}: readyConditions must name at least one condition other than Ready`);
  }
  if (!options.finalizer) throw new Error(`${options.type.kind}: a finalizer name is required`);
  const v1beta1Ready = options.v1beta1Ready ?? true;
  const checkField = schemaFieldCheck(options.type);
  checkField(layout.conditions);
  checkField(['status', 'initialization', 'provisioned']);
  if (v1beta1Ready) checkField(['status', 'ready']);
  return {
    client: options.manager.client,
    type: options.type,
    finalizer: options.finalizer,
    layout,
    provisionedCondition,
    readyConditions,
    v1beta1Ready,
    checkField,
  };
}

/** The controller options, with `concurrency` as the number of concurrent reconciles. */
export function controllerOptionsOf(options: InfraControllerOptions<KubeObject>): ControllerOptions {
  const maxConcurrentReconciles = options.concurrency ?? options.controllerOptions?.maxConcurrentReconciles ?? 1;
  return { ...options.controllerOptions, maxConcurrentReconciles };
}

/** Whether the object is being deleted. */
export function isDeleting(object: Readonly<KubeObject>): boolean {
  return object.metadata.deletionTimestamp !== undefined;
}

/**
 * The steps every infrastructure reconcile takes once the owner and the Cluster are known, as CAPD does: stop for
 * an object being deleted without our finalizer; add the finalizer (before anything external exists; the write
 * requeues the object); snapshot the object into a patch helper; keep the `Paused` condition and stop while
 * paused. Returns the patch helper, or `undefined` when the reconcile ends here.
 */
export async function beginReconcile<T extends KubeObject>(
  settings: InfraSettings<T>,
  cached: Readonly<T>,
  cluster: Readonly<Cluster>,
  logger: Logger,
): Promise<PatchHelper<T> | undefined> {
  const { client, type, finalizer, layout } = settings;
  if (isDeleting(cached) && !hasFinalizer(cached, finalizer)) return undefined;
  if (await ensureFinalizer(client, type, cached, finalizer)) return undefined;
  const helper = createPatchHelper(client, type, cached, { conditionLayout: layout });
  const pause = await ensurePausedCondition(client, type, cluster, cached, { layout });
  if (pause.paused) logger.info('Reconciliation is paused for this object');
  if (pause.paused || pause.requeue) return undefined;
  if (pause.object !== cached) setCondition(helper.object, pausedCondition(cluster, cached), { layout });
  return helper;
}

/**
 * Deletion: the provisioned condition says `Deleting`, the backend's `reconcileDelete` runs, and once it returns
 * without asking for a requeue the finalizer is removed (in the final patch, after the status).
 */
export async function runDeletion<T extends KubeObject>(
  settings: InfraSettings<T>,
  helper: PatchHelper<T>,
  reconcileDelete: () => Promise<BackendResult>,
): Promise<BackendResult> {
  setCondition(
    helper.object,
    { type: settings.provisionedCondition, status: 'False', reason: ConditionReason.Deleting },
    { layout: settings.layout },
  );
  const result = await reconcileDelete();
  if (!result?.requeue && !(result?.requeueAfter && result.requeueAfter > 0)) {
    helper.object.metadata.finalizers = helper.object.metadata.finalizers?.filter((f) => f !== settings.finalizer);
  }
  return result;
}

/** CAPD's `Ready` summary: the default merge with the reasons `NotReady`, `ReadyUnknown` and `Ready`. */
const readyMergeStrategy = defaultMergeStrategy({ computeReason: groupReason('NotReady', 'ReadyUnknown', 'Ready') });

/**
 * Runs `step`, then always writes the object once: the `Ready` summary of the ready conditions is computed and
 * the patch helper sends only what changed (nothing for a no-op reconcile), owning `Ready`, `Paused` and the ready
 * conditions. An error of `step` is rethrown after the patch (both, in an `AggregateError`, if the patch fails).
 */
export async function finishReconcile<T extends KubeObject>(
  settings: InfraSettings<T>,
  helper: PatchHelper<T>,
  step: () => Promise<BackendResult>,
): Promise<BackendResult> {
  const outcome = await step().then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  const { layout, readyConditions } = settings;
  setSummaryCondition(helper.object, helper.object, ConditionType.Ready, {
    forConditionTypes: readyConditions,
    mergeStrategy: readyMergeStrategy,
    layout,
  });
  try {
    await helper.patch(helper.object, {
      ownedConditions: [ConditionType.Ready, ConditionType.Paused, ...readyConditions],
    });
  } catch (patchError) {
    if ('error' in outcome) throw new AggregateError([outcome.error, patchError], 'reconcile and patch failed');
    throw patchError;
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
}
