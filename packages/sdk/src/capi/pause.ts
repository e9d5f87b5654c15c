import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import {
  hasSameConditionState,
  hasSameConditionStateExceptObservedGeneration,
  withCondition,
} from './condition-list.js';
import { CapiAnnotation, PausedCondition } from './constants.js';
import type { Cluster, ContractCondition } from './types.js';

/** An object whose conditions live in `status.conditions` (the v1beta2 location). */
export type ObjectWithConditions = KubeObject & {
  status?: { conditions?: ContractCondition[]; [field: string]: unknown };
};

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
 * annotation", joined with ", "), otherwise `False` with reason `NotPaused`. observedGeneration is the object's
 * generation. `kind` defaults to the object's kind, then to `Object`.
 */
export function pausedCondition(
  cluster: Readonly<Cluster> | undefined,
  object: Readonly<KubeObject>,
  kind: string = object.kind ?? 'Object',
): Omit<ContractCondition, 'lastTransitionTime'> {
  const observedGeneration = object.metadata.generation ?? 0;
  if (!isPaused(cluster, object)) {
    return {
      type: PausedCondition.type,
      status: 'False',
      reason: PausedCondition.notPausedReason,
      observedGeneration,
    };
  }
  const messages: string[] = [];
  if (isClusterPaused(cluster)) messages.push('Cluster spec.paused is set to true');
  if (hasPausedAnnotation(object)) messages.push(`${kind} has the ${CapiAnnotation.paused} annotation`);
  return {
    type: PausedCondition.type,
    status: 'True',
    reason: PausedCondition.pausedReason,
    message: messages.join(', '),
    observedGeneration,
  };
}

/** What {@link ensurePausedCondition} found and did. */
export interface EnsurePausedResult<T extends ObjectWithConditions> {
  /** Reconciliation must stop: the object is paused. */
  paused: boolean;
  /** The condition was written; stop and let the resulting watch event requeue the object. */
  requeue: boolean;
  /**
   * The object with the `Paused` condition set: the server's answer after a write, a changed copy when only
   * observedGeneration moved (to be persisted by the caller's own status patch), or the input when nothing changed.
   */
  object: Readonly<T>;
}

/**
 * Keeps the `Paused` condition of `object` up to date, exactly as Cluster API's `paused.EnsurePausedCondition`:
 * - nothing to do when the condition already has this state;
 * - when only observedGeneration changed and the object is not paused, the condition is set in memory only;
 * - otherwise the condition is written at once and `requeue` is true.
 *
 * The write is a merge patch of `status.conditions` on the status subresource with the object's resourceVersion as
 * precondition, so a stale object fails with a conflict instead of dropping conditions written since. Callers
 * stop when `paused || requeue`.
 */
export async function ensurePausedCondition<T extends ObjectWithConditions>(
  client: KubeClient,
  type: ResourceType<T>,
  cluster: Readonly<Cluster> | undefined,
  object: Readonly<T>,
  now: () => Date = () => new Date(),
): Promise<EnsurePausedResult<T>> {
  const conditions = object.status?.conditions;
  const current = conditions?.find((c) => c.type === PausedCondition.type);
  const desired = pausedCondition(cluster, object, object.kind ?? type.kind);
  const paused = desired.status === 'True';

  if (current && hasSameConditionState(current, desired)) return { paused, requeue: false, object };

  const nextConditions = withCondition(conditions, desired, now());
  if (current && !paused && hasSameConditionStateExceptObservedGeneration(current, desired)) {
    const changed = { ...object, status: { ...object.status, conditions: nextConditions } };
    return { paused, requeue: false, object: changed };
  }

  const { name, namespace, resourceVersion } = object.metadata;
  if (!name) throw new Error(`${type.kind} has no name`);
  const written = await client.mergePatch(
    type,
    { namespace, name },
    { metadata: { resourceVersion }, status: { conditions: nextConditions } },
    { subresource: 'status' },
  );
  return { paused, requeue: true, object: written };
}
