import type { KubeObject } from '../client/object.js';
import { type ConditionLayout, ConditionLayouts } from './layout.js';
import { deleteCondition, setCondition } from './setters.js';
import type { ConditionSeverity, NewCondition } from './types.js';
import { deleteV1Beta1Condition, type NewV1Beta1Condition, setV1Beta1Condition } from './v1beta1.js';

/** Options of {@link setConditionInBothForms}. */
export interface BothFormsOptions {
  /** Which API version's layout the object uses; default {@link ConditionLayouts}.v1beta2. */
  layout?: ConditionLayout;
  /** Severity of the v1beta1 copy when the status is `False`; default `Info`. */
  severity?: ConditionSeverity;
}

/** The v1beta1 copy of a v1beta2 condition: same type, status, reason and message, plus a severity when `False`. */
export function toV1Beta1Condition(condition: NewCondition, severity: ConditionSeverity = 'Info'): NewV1Beta1Condition {
  const copy: NewV1Beta1Condition = { type: condition.type, status: condition.status, reason: condition.reason };
  if (condition.message) copy.message = condition.message;
  if (condition.status === 'False') copy.severity = severity;
  return copy;
}

/**
 * Sets a condition in both lists of the layout, for providers that serve both contracts during the transition:
 * the v1beta2 form with {@link setCondition} and its v1beta1 copy ({@link toV1Beta1Condition}) with
 * {@link setV1Beta1Condition}. Returns whether either list changed.
 */
export function setConditionInBothForms(
  object: KubeObject,
  condition: NewCondition,
  options: BothFormsOptions = {},
): boolean {
  const layout = options.layout ?? ConditionLayouts.v1beta2;
  const current = setCondition(object, condition, { layout });
  const legacy = setV1Beta1Condition(object, toV1Beta1Condition(condition, options.severity), layout);
  return current || legacy;
}

/** Removes a condition type from both lists of the layout; returns whether either list changed. */
export function deleteConditionInBothForms(
  object: KubeObject,
  type: string,
  layout: ConditionLayout = ConditionLayouts.v1beta2,
): boolean {
  const current = deleteCondition(object, type, { layout });
  const legacy = deleteV1Beta1Condition(object, type, layout);
  return current || legacy;
}
