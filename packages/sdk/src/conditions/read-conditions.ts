import type { KubeObject } from '../client/object.js';
import { readPath } from './layout.js';
import { type Condition, ConditionReason, type ConditionStatus } from './types.js';

/** A condition list on another object could not be read as conditions. */
export class InvalidConditionError extends Error {
  override readonly name = 'InvalidConditionError';
}

const STATUSES: readonly string[] = ['True', 'False', 'Unknown'] satisfies ConditionStatus[];

/**
 * Reads the v1beta2 conditions of any object, in the order CAPI's `UnstructuredGetAll` uses:
 * `status.v1beta2.conditions` first (an object still at a v1beta1 API version), then `status.conditions`.
 *
 * v1beta1 conditions found in `status.conditions` are converted on a best-effort basis: `severity` is dropped,
 * a missing `reason` becomes `NoReasonReported`, a missing `lastTransitionTime` stays empty (it is set when the
 * condition is copied onto an object with {@link setCondition}). Throws {@link InvalidConditionError} when an
 * entry has no type, no status, or a status other than `True`/`False`/`Unknown`.
 */
export function readConditions(object: KubeObject): Condition[] {
  for (const path of [
    ['status', 'v1beta2', 'conditions'],
    ['status', 'conditions'],
  ]) {
    const value = readPath(object, path);
    if (Array.isArray(value)) return value.flatMap((entry) => convert(entry, path.join('.'), object.kind));
  }
  return [];
}

/** The condition of the given type as {@link readConditions} sees it, or `undefined`. */
export function readCondition(object: KubeObject, type: string): Condition | undefined {
  return readConditions(object).find((c) => c.type === type);
}

function convert(entry: unknown, where: string, kind: string | undefined): Condition[] {
  if (typeof entry !== 'object' || entry === null) return [];
  const raw = entry as Record<string, unknown>;
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  const type = text('type');
  const status = text('status');
  const source = `${where} of ${kind ?? 'object'}`;
  if (type === '') throw new InvalidConditionError(`${source}: type must be set for all conditions`);
  if (status === '') throw new InvalidConditionError(`${source}: status must be set for the ${type} condition`);
  if (!STATUSES.includes(status)) {
    throw new InvalidConditionError(`${source}: status for the ${type} condition must be one of True, False, Unknown`);
  }
  const condition: Condition = {
    type,
    status: status as ConditionStatus,
    lastTransitionTime: text('lastTransitionTime'),
    reason: text('reason') || ConditionReason.NoReasonReported,
    message: text('message'),
  };
  if (typeof raw.observedGeneration === 'number') condition.observedGeneration = raw.observedGeneration;
  return [condition];
}
