import type { KubeObject } from '../client/object.js';
import { getConditions } from './getters.js';
import { type ConditionLayout, ConditionLayouts, writeList } from './layout.js';
import { compareConditions } from './sort.js';
import { conditionTime } from './time.js';
import type { Condition, NewCondition } from './types.js';

/** Options of {@link setCondition} and {@link deleteCondition}. */
export interface SetConditionOptions {
  /** Where the object keeps its v1beta2 conditions; default {@link ConditionLayouts}.v1beta2. */
  layout?: ConditionLayout;
}

/**
 * Sets a v1beta2 condition on `object` (a mutable working copy), like CAPI's `conditions.Set`:
 * - `observedGeneration` is taken from `metadata.generation`;
 * - a new condition gets `lastTransitionTime` (default now, truncated to seconds);
 * - an existing condition changes `lastTransitionTime` only when its `status` changes; `reason`, `message` and
 *   `observedGeneration` are updated in place;
 * - the list is kept in CAPI's default order (see {@link compareConditions}).
 *
 * Returns whether anything changed. Never put secrets in a reason or message: conditions are public.
 */
export function setCondition(object: KubeObject, condition: NewCondition, options: SetConditionOptions = {}): boolean {
  const layout = options.layout ?? ConditionLayouts.v1beta2;
  const list = getConditions(object, layout).map((c) => ({ ...c }));
  const changed = upsertCondition(list, toCondition(condition, object.metadata.generation));
  if (changed) writeList(object, layout.conditions, list.sort(compareConditions));
  return changed;
}

/** Removes the v1beta2 condition of the given type; returns whether it was there. */
export function deleteCondition(object: KubeObject, type: string, options: SetConditionOptions = {}): boolean {
  const layout = options.layout ?? ConditionLayouts.v1beta2;
  const list = getConditions(object, layout);
  const kept = list.filter((c) => c.type !== type);
  if (kept.length === list.length) return false;
  writeList(object, layout.conditions, kept);
  return true;
}

/** Completes a {@link NewCondition}: message, truncated transition time and the object's generation. */
export function toCondition(input: NewCondition, generation: number | undefined): Condition {
  const condition: Condition = {
    type: input.type,
    status: input.status,
    lastTransitionTime: conditionTime(input.lastTransitionTime ? new Date(input.lastTransitionTime) : undefined),
    reason: input.reason,
    message: input.message ?? '',
  };
  const observedGeneration = generation ?? input.observedGeneration;
  if (observedGeneration !== undefined) condition.observedGeneration = observedGeneration;
  return condition;
}

/**
 * Inserts or updates `condition` in `list` (mutated) with the semantics of `meta.SetStatusCondition`: the
 * transition time of an existing condition moves only when its status changes. Returns whether `list` changed.
 */
export function upsertCondition(list: Condition[], condition: Condition): boolean {
  const index = list.findIndex((c) => c.type === condition.type);
  const existing = list[index];
  if (existing === undefined) {
    list.push(condition);
    return true;
  }
  const next: Condition = {
    ...condition,
    lastTransitionTime:
      existing.status === condition.status ? existing.lastTransitionTime : condition.lastTransitionTime,
  };
  if (sameCondition(existing, next)) return false;
  list[index] = next;
  return true;
}

function sameCondition(a: Condition, b: Condition): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    a.lastTransitionTime === b.lastTransitionTime &&
    a.reason === b.reason &&
    a.message === b.message &&
    a.observedGeneration === b.observedGeneration
  );
}
