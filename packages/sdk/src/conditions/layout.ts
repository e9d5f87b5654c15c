import type { KubeObject } from '../client/object.js';

/**
 * Where one API version of a kind keeps its two condition lists during the v1beta1 → v1beta2 transition.
 * Pick the layout of the API version you write: {@link ConditionLayouts}.
 */
export interface ConditionLayout {
  /** Path of the v1beta2 list (`metav1.Condition`). */
  readonly conditions: readonly string[];
  /** Path of the v1beta1 list (CAPI `Condition` with `severity`). */
  readonly v1beta1Conditions: readonly string[];
}

/**
 * The two layouts CAPI uses (contract §1.13):
 * - `v1beta2`: an API version that implements the v1beta2 contract keeps `metav1.Condition`s in
 *   `status.conditions` and the old ones in `status.deprecated.v1beta1.conditions`;
 * - `v1beta1`: an API version that implements the v1beta1 contract keeps CAPI v1beta1 conditions in
 *   `status.conditions` and the new ones in `status.v1beta2.conditions`.
 */
export const ConditionLayouts = {
  v1beta2: {
    conditions: ['status', 'conditions'],
    v1beta1Conditions: ['status', 'deprecated', 'v1beta1', 'conditions'],
  },
  v1beta1: {
    conditions: ['status', 'v1beta2', 'conditions'],
    v1beta1Conditions: ['status', 'conditions'],
  },
} as const satisfies Record<string, ConditionLayout>;

/** Which of the two condition shapes a list holds. */
export type ConditionForm = 'v1beta2' | 'v1beta1';

/** One condition list of a layout, with its path and shape. */
export interface ConditionListLocation {
  readonly path: readonly string[];
  readonly form: ConditionForm;
}

/** Both lists of a layout. */
export function conditionListLocations(layout: ConditionLayout): ConditionListLocation[] {
  return [
    { path: layout.conditions, form: 'v1beta2' },
    { path: layout.v1beta1Conditions, form: 'v1beta1' },
  ];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `path`, or `undefined` when a step is missing or not an object. */
export function readPath(object: unknown, path: readonly string[]): unknown {
  let current: unknown = object;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The list at `path`, or `undefined` when there is none. */
export function readList<T>(object: KubeObject, path: readonly string[]): T[] | undefined {
  const value = readPath(object, path);
  return Array.isArray(value) ? (value as T[]) : undefined;
}

/**
 * Stores `list` at `path`, creating the objects on the way; an empty list removes the field, as Go's
 * `omitempty` would. Mutates `object`.
 */
export function writeList(object: KubeObject, path: readonly string[], list: readonly unknown[]): void {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  if (key === undefined) throw new Error('empty condition path');
  if (list.length === 0) {
    const parent = readPath(object, parentPath);
    if (isRecord(parent)) delete parent[key];
    return;
  }
  let parent: Record<string, unknown> = object;
  for (const step of parentPath) {
    const next = parent[step];
    if (!isRecord(next)) parent[step] = {};
    parent = parent[step] as Record<string, unknown>;
  }
  parent[key] = [...list];
}
