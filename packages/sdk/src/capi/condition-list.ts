import type { ContractCondition } from './types.js';

/** A Kubernetes `metav1.Time`: RFC 3339 in UTC, whole seconds. */
export function metaTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Whether two conditions have the same state: type, status, reason, message and observedGeneration
 * (Cluster API's `conditions.HasSameState`; lastTransitionTime is ignored).
 */
export function hasSameConditionState(a: Readonly<ContractCondition>, b: Readonly<ContractCondition>): boolean {
  return (
    hasSameConditionStateExceptObservedGeneration(a, b) && (a.observedGeneration ?? 0) === (b.observedGeneration ?? 0)
  );
}

/** Like {@link hasSameConditionState} without comparing observedGeneration. */
export function hasSameConditionStateExceptObservedGeneration(
  a: Readonly<ContractCondition>,
  b: Readonly<ContractCondition>,
): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    (a.reason ?? '') === (b.reason ?? '') &&
    (a.message ?? '') === (b.message ?? '')
  );
}

/**
 * Returns `conditions` with `condition` set, as `meta.SetStatusCondition` does: a condition of the same type is
 * replaced in place and keeps its lastTransitionTime unless the status changes; a new one is appended. The input
 * is not changed.
 */
export function withCondition(
  conditions: readonly Readonly<ContractCondition>[] | undefined,
  condition: Readonly<Omit<ContractCondition, 'lastTransitionTime'>>,
  now: Date,
): ContractCondition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === condition.type);
  const existing = index < 0 ? undefined : list[index];
  const lastTransitionTime =
    existing?.lastTransitionTime !== undefined && existing.status === condition.status
      ? existing.lastTransitionTime
      : metaTime(now);
  const next: ContractCondition = { ...condition, lastTransitionTime };
  if (index < 0) list.push(next);
  else list[index] = next;
  return list;
}
