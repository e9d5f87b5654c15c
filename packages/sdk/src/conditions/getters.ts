import type { KubeObject } from '../client/object.js';
import { type ConditionLayout, ConditionLayouts, readList } from './layout.js';
import type { Condition } from './types.js';

/**
 * The v1beta2 conditions of an object, read from the layout's v1beta2 path (default `status.conditions`).
 * Use {@link readConditions} for objects written by others, whose layout you do not know.
 */
export function getConditions(object: KubeObject, layout: ConditionLayout = ConditionLayouts.v1beta2): Condition[] {
  return readList<Condition>(object, layout.conditions) ?? [];
}

/** The v1beta2 condition of the given type, or `undefined`. */
export function getCondition(
  object: KubeObject,
  type: string,
  layout: ConditionLayout = ConditionLayouts.v1beta2,
): Condition | undefined {
  return getConditions(object, layout).find((c) => c.type === type);
}

/** Whether the object has a v1beta2 condition of the given type. */
export function hasCondition(object: KubeObject, type: string, layout?: ConditionLayout): boolean {
  return getCondition(object, type, layout) !== undefined;
}

/** Whether the condition exists and is `True`. */
export function isConditionTrue(object: KubeObject, type: string, layout?: ConditionLayout): boolean {
  return getCondition(object, type, layout)?.status === 'True';
}

/** Whether the condition exists and is `False`. */
export function isConditionFalse(object: KubeObject, type: string, layout?: ConditionLayout): boolean {
  return getCondition(object, type, layout)?.status === 'False';
}

/** Whether the condition is `Unknown` or missing (a missing condition counts as unknown, as in CAPI). */
export function isConditionUnknown(object: KubeObject, type: string, layout?: ConditionLayout): boolean {
  const condition = getCondition(object, type, layout);
  return condition === undefined || condition.status === 'Unknown';
}
