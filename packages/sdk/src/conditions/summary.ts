import type { KubeObject } from '../client/object.js';
import { getConditions } from './getters.js';
import { type ConditionLayout, ConditionLayouts } from './layout.js';
import { defaultMergePriority, defaultMergeStrategy, type MergeInput, type MergeStrategy } from './merge-strategy.js';
import { type SetConditionOptions, setCondition } from './setters.js';
import { ConditionReason, type NewCondition } from './types.js';

/** Options of {@link summaryCondition}. */
export interface SummaryOptions {
  /** The condition types to summarise, in order of relevance (earlier types come first in the message). */
  forConditionTypes: readonly string[];
  /** Types in scope whose normal state is `False` (e.g. `Paused`, `Deleting`, `ScalingUp`). */
  negativePolarityConditionTypes?: readonly string[];
  /** Types in scope that are skipped when missing, instead of counting as `Unknown` / `NotYetReported`. */
  ignoreTypesIfMissing?: readonly string[];
  /** Replaces, for this summary only, conditions of the object; each must exist on the object. */
  overrideConditions?: readonly MergeInput[];
  /** Default: {@link defaultMergeStrategy} with the negative-polarity types above. */
  mergeStrategy?: MergeStrategy;
  /** Where the object keeps its v1beta2 conditions; default {@link ConditionLayouts}.v1beta2. */
  layout?: ConditionLayout;
}

/**
 * Summarises several conditions of one object into a new condition of type `targetType` (typically `Ready`),
 * the port of CAPI's `NewSummaryCondition`:
 * - only the types in `forConditionTypes` count; the target type may not be among them;
 * - a type in scope that the object lacks counts as `Unknown`, reason `NotYetReported`, message
 *   "Condition not yet reported", unless listed in `ignoreTypesIfMissing`;
 * - the merge strategy (see {@link defaultMergeStrategy}) gives status, reason and message; the target is
 *   assumed to have positive polarity.
 *
 * Throws when the options are inconsistent or nothing is left to summarise. The result has no
 * `lastTransitionTime` or `observedGeneration`: {@link setCondition} fills those in.
 */
export function summaryCondition(object: KubeObject, targetType: string, options: SummaryOptions): NewCondition {
  const scope = options.forConditionTypes;
  if (scope.length === 0) throw new Error('summary: forConditionTypes is empty');
  if (scope.includes(targetType)) {
    throw new Error(`summary: forConditionTypes cannot include ${targetType} (target condition type)`);
  }
  const existing = getConditions(object, options.layout ?? ConditionLayouts.v1beta2);
  const overrides = new Map<string, MergeInput>();
  for (const override of options.overrideConditions ?? []) {
    if (overrides.has(override.type)) throw new Error(`summary: override condition ${override.type} given twice`);
    if (!existing.some((c) => c.type === override.type)) {
      throw new Error(`summary: override condition ${override.type} must exist on the object`);
    }
    overrides.set(override.type, override);
  }

  const inScope: MergeInput[] = existing.filter((c) => scope.includes(c.type)).map((c) => overrides.get(c.type) ?? c);
  const ignored = new Set(options.ignoreTypesIfMissing ?? []);
  for (const type of scope) {
    if (ignored.has(type) || inScope.some((c) => c.type === type)) continue;
    inScope.push({
      type,
      status: 'Unknown',
      reason: ConditionReason.NotYetReported,
      message: 'Condition not yet reported',
      lastTransitionTime: '',
    });
  }
  if (inScope.length === 0) throw new Error('summary: no condition in scope to summarise');

  const strategy =
    options.mergeStrategy ??
    defaultMergeStrategy({ getPriority: defaultMergePriority(options.negativePolarityConditionTypes) });
  return { type: targetType, ...strategy.merge(inScope, scope) };
}

/** {@link summaryCondition} then {@link setCondition} on `target`; returns whether `target` changed. */
export function setSummaryCondition(
  source: KubeObject,
  target: KubeObject,
  targetType: string,
  options: SummaryOptions & SetConditionOptions,
): boolean {
  return setCondition(target, summaryCondition(source, targetType, options), options);
}
