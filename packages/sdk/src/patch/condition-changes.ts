import type { ConditionForm } from '../conditions/layout.js';
import { sortConditionList } from '../conditions/sort.js';
import { deepEqual } from './json.js';

/** A condition of either form, as found in a list: keyed by `type`. */
export interface ListedCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  [field: string]: unknown;
}

/** One change a reconciler made to a condition list between the snapshot and its working copy. */
export type ConditionChange =
  | { op: 'add'; after: ListedCondition }
  | { op: 'change'; before: ListedCondition; after: ListedCondition }
  | { op: 'remove'; before: ListedCondition };

/** Another writer changed a condition we changed too, in a different way (CAPI's merge conflict). */
export class ConditionConflictError extends Error {
  override readonly name = 'ConditionConflictError';
  constructor(
    readonly conditionType: string,
    operation: ConditionChange['op'],
  ) {
    super(
      `condition ${conditionType} was changed by another writer, which conflicts with our ${operation}; ` +
        'list it in ownedConditions if this controller owns it',
    );
  }
}

/** Options of {@link applyConditionChanges}. */
export interface ApplyConditionChangesOptions {
  form: ConditionForm;
  /** Types whose value from the working copy always wins. */
  ownedConditions?: readonly string[];
  /** Our value always wins, for every type. */
  forceOverwrite?: boolean;
}

/** The changes between two condition lists (CAPI's `conditions.NewPatch`). */
export function diffConditions(
  before: readonly ListedCondition[],
  after: readonly ListedCondition[],
): ConditionChange[] {
  const changes: ConditionChange[] = [];
  for (const condition of after) {
    const previous = before.find((c) => c.type === condition.type);
    if (previous === undefined) changes.push({ op: 'add', after: condition });
    else if (!deepEqual(previous, condition)) changes.push({ op: 'change', before: previous, after: condition });
  }
  for (const condition of before) {
    if (!after.some((c) => c.type === condition.type)) changes.push({ op: 'remove', before: condition });
  }
  return changes;
}

/**
 * Replays our condition changes on the latest list from the API server, the three-way merge of CAPI's
 * `conditions.Patch.Apply`. For a type that is neither owned nor forced:
 * - add: conflict if the latest list has the type in a different state; otherwise ours is added;
 * - change: conflict if the latest list lost the type, or changed it away from our snapshot to a state other
 *   than ours;
 * - remove: conflict if the latest list changed the type since our snapshot.
 * "State" is everything but `lastTransitionTime`. When the latest value already agrees with ours, the latest
 * `lastTransitionTime` is kept. Types we did not touch are left exactly as the latest list has them.
 * Returns a new list in the form's default order; throws {@link ConditionConflictError}.
 */
export function applyConditionChanges(
  latest: readonly ListedCondition[],
  changes: readonly ConditionChange[],
  options: ApplyConditionChangesOptions,
): ListedCondition[] {
  const owned = new Set(options.ownedConditions ?? []);
  const wins = (type: string) => options.forceOverwrite === true || owned.has(type);
  let list = [...latest];
  const find = (type: string) => list.find((c) => c.type === type);
  for (const change of changes) {
    if (change.op === 'remove') {
      const current = find(change.before.type);
      if (current && !wins(change.before.type) && !sameState(current, change.before)) {
        throw new ConditionConflictError(change.before.type, 'remove');
      }
      list = list.filter((c) => c.type !== change.before.type);
      continue;
    }
    const ours = change.after;
    const current = find(ours.type);
    if (!wins(ours.type)) {
      if (change.op === 'add' && current && !sameState(current, ours)) {
        throw new ConditionConflictError(ours.type, 'add');
      }
      if (change.op === 'change') {
        if (!current) throw new ConditionConflictError(ours.type, 'change');
        if (!deepEqual(current, change.before) && !sameState(current, ours)) {
          throw new ConditionConflictError(ours.type, 'change');
        }
      }
      if (current && sameState(current, ours)) continue;
    }
    list = place(list, ours, options.form);
  }
  return sortConditionList(list, options.form);
}

/** Same state: equal in every field but `lastTransitionTime`. */
function sameState(a: ListedCondition, b: ListedCondition): boolean {
  return deepEqual({ ...a, lastTransitionTime: undefined }, { ...b, lastTransitionTime: undefined });
}

/**
 * Puts `condition` into `list`, keeping the latest `lastTransitionTime` when the transition already happened:
 * same status for v1beta2 (`meta.SetStatusCondition`), same state for v1beta1 (CAPI v1beta1 `Set`).
 */
function place(list: ListedCondition[], condition: ListedCondition, form: ConditionForm): ListedCondition[] {
  const index = list.findIndex((c) => c.type === condition.type);
  const current = list[index];
  if (current === undefined) return [...list, condition];
  const keepTime = form === 'v1beta2' ? current.status === condition.status : sameState(current, condition);
  const next = [...list];
  next[index] = keepTime ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  return next;
}
