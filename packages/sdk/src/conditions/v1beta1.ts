import type { KubeObject } from '../client/object.js';
import { type ConditionLayout, ConditionLayouts, readList, writeList } from './layout.js';
import { compareV1Beta1Conditions } from './sort.js';
import { conditionTime } from './time.js';
import type { ConditionSeverity, ConditionStatus, V1Beta1Condition } from './types.js';

/** What a reconciler states when it sets a v1beta1 condition; `lastTransitionTime` defaults to now. */
export interface NewV1Beta1Condition {
  type: string;
  status: ConditionStatus;
  /** Only kept when `status` is `False`, as the v1beta1 API requires. */
  severity?: ConditionSeverity;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** The v1beta1 conditions of an object, from the layout's v1beta1 path (default `status.deprecated.v1beta1.conditions`). */
export function getV1Beta1Conditions(
  object: KubeObject,
  layout: ConditionLayout = ConditionLayouts.v1beta2,
): V1Beta1Condition[] {
  return readList<V1Beta1Condition>(object, layout.v1beta1Conditions) ?? [];
}

/** The v1beta1 condition of the given type, or `undefined`. */
export function getV1Beta1Condition(
  object: KubeObject,
  type: string,
  layout?: ConditionLayout,
): V1Beta1Condition | undefined {
  return getV1Beta1Conditions(object, layout).find((c) => c.type === type);
}

/**
 * Sets a v1beta1 condition, like CAPI's v1beta1 `conditions.Set`: `lastTransitionTime` moves when status,
 * severity, reason or message change (v1beta1 has no `observedGeneration`); `Ready` is kept first and the
 * other conditions sorted by type. Returns whether anything changed.
 */
export function setV1Beta1Condition(
  object: KubeObject,
  condition: NewV1Beta1Condition,
  layout: ConditionLayout = ConditionLayouts.v1beta2,
): boolean {
  const next = toV1Beta1Shape(condition);
  const list = getV1Beta1Conditions(object, layout).map((c) => ({ ...c }));
  const index = list.findIndex((c) => c.type === next.type);
  const existing = list[index];
  if (existing && sameV1Beta1State(existing, next)) return false;
  if (existing) list[index] = next;
  else list.push(next);
  writeList(object, layout.v1beta1Conditions, list.sort(compareV1Beta1Conditions));
  return true;
}

/** Removes the v1beta1 condition of the given type; returns whether it was there. */
export function deleteV1Beta1Condition(
  object: KubeObject,
  type: string,
  layout: ConditionLayout = ConditionLayouts.v1beta2,
): boolean {
  const list = getV1Beta1Conditions(object, layout);
  const kept = list.filter((c) => c.type !== type);
  if (kept.length === list.length) return false;
  writeList(object, layout.v1beta1Conditions, kept);
  return true;
}

/** Whether two v1beta1 conditions have the same state: everything but `lastTransitionTime`. */
export function sameV1Beta1State(a: V1Beta1Condition, b: V1Beta1Condition): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    (a.severity ?? '') === (b.severity ?? '') &&
    (a.reason ?? '') === (b.reason ?? '') &&
    (a.message ?? '') === (b.message ?? '')
  );
}

function toV1Beta1Shape(input: NewV1Beta1Condition): V1Beta1Condition {
  const condition: V1Beta1Condition = {
    type: input.type,
    status: input.status,
    lastTransitionTime: conditionTime(input.lastTransitionTime ? new Date(input.lastTransitionTime) : undefined),
  };
  if (input.status === 'False' && input.severity) condition.severity = input.severity;
  if (input.reason) condition.reason = input.reason;
  if (input.message) condition.message = input.message;
  return condition;
}
