import type { KubeObject, ObjectMeta, OwnerReference } from '../client/object.js';
import {
  type ConditionLayout,
  type ConditionListLocation,
  conditionListLocations,
  readList,
} from '../conditions/layout.js';
import { type ConditionChange, diffConditions, type ListedCondition } from './condition-changes.js';
import { createMergePatch, deleteAtPath, isRecord, type JsonRecord } from './json.js';
import { finalizerKey, ownerReferenceKey } from './keyed-list.js';

/** A metadata list that changed, with the values before and after; merged three-way when sent. */
export type MetadataListChange =
  | { field: 'finalizers'; before: string[]; after: string[]; keyOf: (item: string) => string }
  | {
      field: 'ownerReferences';
      before: OwnerReference[];
      after: OwnerReference[];
      keyOf: (item: OwnerReference) => string;
    };

/** The changes of one condition list. */
export interface ConditionListChanges {
  location: ConditionListLocation;
  changes: ConditionChange[];
}

/** What {@link planPatch} found to send; every part is empty when nothing changed. */
export interface PatchPlan {
  /**
   * JSON merge patch of the main resource: changed `metadata.labels` and `metadata.annotations` keys and every
   * changed top-level field other than `apiVersion`, `kind`, `metadata` and `status` (e.g. `spec`).
   */
  main: JsonRecord | undefined;
  /** Changed `metadata.finalizers` / `metadata.ownerReferences`. */
  metadataLists: MetadataListChange[];
  /** JSON merge patch of `status` without the condition lists (`null` when status was removed). */
  status: JsonRecord | null | undefined;
  /** Condition changes per list of the layout. */
  conditions: ConditionListChanges[];
}

const TOP_LEVEL_SKIPPED = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/**
 * Compares the snapshot with the working copy and splits the difference into the parts the patch helper
 * sends separately. Other metadata fields (name, resourceVersion, generation, managedFields, ...) are server
 * owned or immutable and are ignored.
 */
export function planPatch(before: KubeObject, after: KubeObject, layout: ConditionLayout): PatchPlan {
  const main: JsonRecord = {};
  const metadata: JsonRecord = {};
  for (const field of ['labels', 'annotations'] as const) {
    const change = createMergePatch(before.metadata[field] ?? {}, after.metadata[field] ?? {});
    if (change !== undefined) metadata[field] = change;
  }
  if (Object.keys(metadata).length > 0) main.metadata = metadata;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (TOP_LEVEL_SKIPPED.has(key)) continue;
    const change = createMergePatch(before[key], after[key]);
    if (change !== undefined) main[key] = change;
  }

  const locations = conditionListLocations(layout);
  const conditions = locations
    .map((location) => ({
      location,
      changes: diffConditions(
        readList<ListedCondition>(before, location.path) ?? [],
        readList<ListedCondition>(after, location.path) ?? [],
      ),
    }))
    .filter((list) => list.changes.length > 0);
  const paths = locations.map((l) => l.path);
  const status = createMergePatch(statusWithout(before, paths), statusWithout(after, paths));

  return {
    main: Object.keys(main).length > 0 ? main : undefined,
    metadataLists: metadataListChanges(before.metadata, after.metadata),
    status: status === undefined ? undefined : isRecord(status) ? status : null,
    conditions,
  };
}

/** Whether the plan has nothing to send. */
export function isEmptyPlan(plan: PatchPlan): boolean {
  return (
    plan.main === undefined &&
    plan.metadataLists.length === 0 &&
    plan.status === undefined &&
    plan.conditions.length === 0
  );
}

function metadataListChanges(before: ObjectMeta, after: ObjectMeta): MetadataListChange[] {
  const changes: MetadataListChange[] = [];
  const finalizers = { before: before.finalizers ?? [], after: after.finalizers ?? [] };
  if (createMergePatch(finalizers.before, finalizers.after) !== undefined) {
    changes.push({ field: 'finalizers', ...finalizers, keyOf: finalizerKey });
  }
  const owners = { before: before.ownerReferences ?? [], after: after.ownerReferences ?? [] };
  if (createMergePatch(owners.before, owners.after) !== undefined) {
    changes.push({ field: 'ownerReferences', ...owners, keyOf: ownerReferenceKey });
  }
  return changes;
}

/** A copy of `status` without the condition lists (they are merged three-way instead). */
function statusWithout(object: KubeObject, paths: readonly (readonly string[])[]): unknown {
  if (!isRecord(object.status)) return object.status;
  const copy: JsonRecord = { status: structuredClone(object.status) };
  for (const path of paths) deleteAtPath(copy, path);
  return copy.status;
}
