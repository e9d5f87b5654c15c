import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { getCondition } from '../conditions/getters.js';
import { type ConditionLayout, ConditionLayouts } from '../conditions/layout.js';
import { setCondition } from '../conditions/setters.js';
import { type Condition, ConditionReason, ConditionType, type NewCondition } from '../conditions/types.js';
import { createPatchHelper } from '../patch/patch-helper.js';
import { CapiAnnotation } from './constants.js';
import type { Cluster } from './types.js';

/** Whether the object carries the `cluster.x-k8s.io/paused` annotation (any value). */
export function hasPausedAnnotation(object: Readonly<KubeObject>): boolean {
  return object.metadata.annotations?.[CapiAnnotation.paused] !== undefined;
}

/** Whether `cluster.spec.paused` is true. */
export function isClusterPaused(cluster: Readonly<Cluster> | undefined): boolean {
  return cluster?.spec.paused === true;
}

/**
 * Whether reconciliation of `object` is paused: its Cluster has `spec.paused: true` or the object itself carries
 * the `cluster.x-k8s.io/paused` annotation.
 */
export function isPaused(cluster: Readonly<Cluster> | undefined, object: Readonly<KubeObject>): boolean {
  return isClusterPaused(cluster) || hasPausedAnnotation(object);
}

/**
 * The `Paused` condition for `object`, as Cluster API's `util/paused` computes it: `True` with reason `Paused` and
 * a message naming every cause ("Cluster spec.paused is set to true", "<Kind> has the cluster.x-k8s.io/paused
 * annotation", joined with ", "), otherwise `False` with reason `NotPaused` and no message. observedGeneration is
 * the object's generation. `kind` defaults to the object's kind, then to `Object`.
 */
export function pausedCondition(
  cluster: Readonly<Cluster> | undefined,
  object: Readonly<KubeObject>,
  kind: string = object.kind ?? 'Object',
): NewCondition {
  const observedGeneration = object.metadata.generation ?? 0;
  if (!isPaused(cluster, object)) {
    return { type: ConditionType.Paused, status: 'False', reason: ConditionReason.NotPaused, observedGeneration };
  }
  const messages: string[] = [];
  if (isClusterPaused(cluster)) messages.push('Cluster spec.paused is set to true');
  if (hasPausedAnnotation(object)) messages.push(`${kind} has the ${CapiAnnotation.paused} annotation`);
  return {
    type: ConditionType.Paused,
    status: 'True',
    reason: ConditionReason.Paused,
    message: messages.join(', '),
    observedGeneration,
  };
}

/** What {@link ensurePausedCondition} found and did. */
export interface EnsurePausedResult<T extends KubeObject> {
  /** Reconciliation must stop: the object is paused. */
  paused: boolean;
  /** The condition was written; stop and let the resulting watch event requeue the object. */
  requeue: boolean;
  /**
   * The object with the `Paused` condition set: the server's answer after a write, a changed copy when only
   * observedGeneration moved (for the caller's own status patch to persist), or the input when nothing changed.
   */
  object: Readonly<T>;
}

/** Options of {@link ensurePausedCondition}. */
export interface EnsurePausedOptions {
  /** Where the kind keeps its conditions; default `status.conditions` ({@link ConditionLayouts}.v1beta2). */
  layout?: ConditionLayout;
}

/**
 * Keeps the `Paused` condition of `object` up to date, exactly as Cluster API's `paused.EnsurePausedCondition`:
 * - nothing to do when the condition already has this state (type, status, reason, message, observedGeneration);
 * - when only observedGeneration changed and the object is not paused, the condition is set on a copy, unwritten;
 * - otherwise the condition is written at once through the patch helper, owning `Paused`, and `requeue` is true.
 *
 * Callers stop reconciling when `paused || requeue`.
 */
export async function ensurePausedCondition<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType<T>,
  cluster: Readonly<Cluster> | undefined,
  object: Readonly<T>,
  options: EnsurePausedOptions = {},
): Promise<EnsurePausedResult<T>> {
  const layout = options.layout ?? ConditionLayouts.v1beta2;
  const current = getCondition(object, ConditionType.Paused, layout);
  const desired = pausedCondition(cluster, object, object.kind ?? type.kind);
  const paused = desired.status === 'True';

  if (current) {
    if (sameStateExceptObservedGeneration(current, desired)) {
      if ((current.observedGeneration ?? 0) === desired.observedGeneration) return { paused, requeue: false, object };
      if (!paused) {
        const copy = structuredClone(object) as T;
        setCondition(copy, desired, { layout });
        return { paused, requeue: false, object: copy };
      }
    }
  }

  const helper = createPatchHelper(client, type, object, { conditionLayout: layout });
  setCondition(helper.object, desired, { layout });
  const result = await helper.patch(helper.object, { ownedConditions: [ConditionType.Paused] });
  return { paused, requeue: true, object: result.object ?? helper.object };
}

/** Cluster API's `HasSameStateExceptObservedGeneration`: type, status, reason and message. */
function sameStateExceptObservedGeneration(current: Condition, desired: NewCondition): boolean {
  return (
    current.type === desired.type &&
    current.status === desired.status &&
    current.reason === desired.reason &&
    (current.message ?? '') === (desired.message ?? '')
  );
}
