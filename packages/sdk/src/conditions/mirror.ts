import type { KubeObject } from '../client/object.js';
import { readCondition } from './read-conditions.js';
import { type SetConditionOptions, setCondition } from './setters.js';
import { ConditionReason, type ConditionStatus, type NewCondition } from './types.js';

/** Options of {@link mirrorCondition}. */
export interface MirrorOptions {
  /** Type of the new condition; default: the source condition's type. */
  targetType?: string;
  /** Used when the source has no such condition; default `Unknown` / `NotYetReported`. */
  fallback?: { status: ConditionStatus; reason: string; message?: string };
}

/**
 * Builds a copy of another object's condition, like CAPI's `NewMirrorConditionFromUnstructured`, e.g. the
 * `Ready` condition of an InfraMachine mirrored into a Machine's `InfrastructureReady`.
 *
 * The source is read with {@link readConditions} (`status.v1beta2.conditions` first, then
 * `status.conditions`). When the source has the condition, its status, reason (default `NoReasonReported`),
 * message and `lastTransitionTime` are kept; `observedGeneration` is not copied (it is the target's generation
 * once set). When it has none, the `fallback` is used, or else `Unknown` with reason `NotYetReported` and
 * message "Condition <type> not yet reported".
 */
export function mirrorCondition(source: KubeObject, sourceType: string, options: MirrorOptions = {}): NewCondition {
  const type = options.targetType ?? sourceType;
  const found = readCondition(source, sourceType);
  if (found) {
    const mirrored: NewCondition = { type, status: found.status, reason: found.reason, message: found.message };
    if (found.lastTransitionTime) mirrored.lastTransitionTime = found.lastTransitionTime;
    return mirrored;
  }
  if (options.fallback) return { type, ...options.fallback };
  return {
    type,
    status: 'Unknown',
    reason: ConditionReason.NotYetReported,
    message: `Condition ${sourceType} not yet reported`,
  };
}

/** {@link mirrorCondition} then {@link setCondition} on `target`; returns whether `target` changed. */
export function setMirrorCondition(
  source: KubeObject,
  target: KubeObject,
  sourceType: string,
  options: MirrorOptions & SetConditionOptions = {},
): boolean {
  return setCondition(target, mirrorCondition(source, sourceType, options), options);
}
