import { describe, expect, it } from 'vitest';
import { ConditionLayouts, type KubeObject, type OwnerReference } from '../../src/index.js';
import {
  applyConditionChanges,
  ConditionConflictError,
  diffConditions,
  type ListedCondition,
} from '../../src/patch/condition-changes.js';
import { createMergePatch, deepEqual } from '../../src/patch/json.js';
import { finalizerKey, mergeKeyedList, ownerReferenceKey } from '../../src/patch/keyed-list.js';
import { isEmptyPlan, planPatch } from '../../src/patch/plan.js';

const T0 = '2026-01-01T10:00:00Z';
const T1 = '2026-01-02T10:00:00Z';
const base = (): KubeObject => ({
  apiVersion: 'test.capi-ts.dev/v1',
  kind: 'Widget',
  metadata: {
    name: 'w',
    namespace: 'default',
    resourceVersion: '10',
    generation: 1,
    labels: { keep: 'a', change: 'b', drop: 'c' },
    finalizers: ['x/one'],
  },
  spec: { size: 1, nested: { a: 1, b: [1, 2] } },
  status: {
    phase: 'Pending',
    conditions: [{ type: 'Ready', status: 'False', reason: 'Waiting', message: '', lastTransitionTime: T0 }],
  },
});
const cond = (type: string, status: string, extra: Partial<ListedCondition> = {}): ListedCondition => ({
  type,
  status,
  reason: 'R',
  message: '',
  lastTransitionTime: T0,
  ...extra,
});

describe('createMergePatch', () => {
  it.each<[unknown, unknown, unknown]>([
    [{ a: 1 }, { a: 1 }, undefined],
    [{ a: 1, b: 2 }, { a: 1, b: 3 }, { b: 3 }],
    [{ a: 1, b: 2 }, { a: 1 }, { b: null }],
    [{ a: { x: 1, y: 2 } }, { a: { x: 1, y: 3 } }, { a: { y: 3 } }],
    [{ a: [1, 2] }, { a: [1, 2, 3] }, { a: [1, 2, 3] }],
    [{}, { a: { b: 1 } }, { a: { b: 1 } }],
    [{ a: 1 }, { a: 1, b: undefined }, undefined],
  ])('%j → %j = %j', (before, after, patch) => {
    expect(createMergePatch(before, after)).toEqual(patch);
  });

  it('treats undefined keys as absent in deepEqual', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, { a: 2 }], [1, { a: 2 }])).toBe(true);
    expect(deepEqual([1], [1, 2])).toBe(false);
    expect(deepEqual({ a: null }, {})).toBe(false);
  });
});

describe('planPatch', () => {
  it('is empty when nothing changed, or only server-owned metadata did', () => {
    const before = base();
    const after = structuredClone(before);
    expect(isEmptyPlan(planPatch(before, after, ConditionLayouts.v1beta2))).toBe(true);
    after.metadata.resourceVersion = '11';
    after.metadata.generation = 2;
    after.metadata.managedFields = [{}];
    expect(isEmptyPlan(planPatch(before, after, ConditionLayouts.v1beta2))).toBe(true);
  });

  it('sends only the changed label and annotation keys and the changed spec fields', () => {
    const before = base();
    const after = structuredClone(before);
    after.metadata.labels = { keep: 'a', change: 'B', added: 'd' };
    after.metadata.annotations = { note: 'x' };
    (after.spec as { nested: { a: number } }).nested.a = 2;
    const plan = planPatch(before, after, ConditionLayouts.v1beta2);
    expect(plan.main).toEqual({
      metadata: { labels: { change: 'B', drop: null, added: 'd' }, annotations: { note: 'x' } },
      spec: { nested: { a: 2 } },
    });
    expect(plan.metadataLists).toEqual([]);
    expect(plan.status).toBeUndefined();
    expect(plan.conditions).toEqual([]);
  });

  it('keeps finalizers and owner references out of the merge patch', () => {
    const before = base();
    const after = structuredClone(before);
    after.metadata.finalizers = ['x/one', 'x/two'];
    after.metadata.ownerReferences = [{ apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Machine', name: 'm', uid: 'u' }];
    const plan = planPatch(before, after, ConditionLayouts.v1beta2);
    expect(plan.main).toBeUndefined();
    expect(plan.metadataLists.map((l) => [l.field, l.before, l.after])).toEqual([
      ['finalizers', ['x/one'], ['x/one', 'x/two']],
      ['ownerReferences', [], after.metadata.ownerReferences],
    ]);
  });

  it('splits status into a merge patch without conditions and per-type condition changes', () => {
    const before = base();
    const after = structuredClone(before);
    const status = after.status as { phase: string; conditions: ListedCondition[] };
    status.phase = 'Running';
    status.conditions = [cond('Ready', 'True', { lastTransitionTime: T1 }), cond('Paused', 'False')];
    const plan = planPatch(before, after, ConditionLayouts.v1beta2);
    expect(plan.main).toBeUndefined();
    expect(plan.status).toEqual({ phase: 'Running' });
    expect(plan.conditions).toHaveLength(1);
    expect(plan.conditions[0]?.location).toEqual({ path: ['status', 'conditions'], form: 'v1beta2' });
    expect(plan.conditions[0]?.changes.map((c) => [c.op, 'after' in c ? c.after.type : c.before.type])).toEqual([
      ['change', 'Ready'],
      ['add', 'Paused'],
    ]);
  });

  it('tracks both lists of the v1beta1 layout, and removing the last v1beta1 condition leaves no stray status patch', () => {
    const before: KubeObject = {
      metadata: { name: 'w' },
      status: {
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: T0 }],
        v1beta2: { conditions: [cond('Ready', 'True')] },
      },
    };
    const after = structuredClone(before);
    after.status = { v1beta2: { conditions: [cond('Ready', 'False')] } };
    const plan = planPatch(before, after, ConditionLayouts.v1beta1);
    expect(plan.status).toBeUndefined();
    expect(plan.conditions.map((c) => [c.location.form, c.changes.map((x) => x.op)])).toEqual([
      ['v1beta2', ['change']],
      ['v1beta1', ['remove']],
    ]);
  });
});

describe('mergeKeyedList (finalizers and owner references)', () => {
  it("replays our additions and removals on the latest list and keeps others' entries", () => {
    expect(mergeKeyedList(['a', 'b'], ['a', 'c'], ['a', 'b', 'z'], finalizerKey)).toEqual(['a', 'z', 'c']);
    expect(mergeKeyedList(['a'], ['a', 'c'], ['a', 'c'], finalizerKey)).toEqual(['a', 'c']);
    expect(mergeKeyedList(['a', 'b'], ['a'], ['a'], finalizerKey)).toEqual(['a']);
  });

  it('identifies owner references by group, kind and name, so a version bump replaces the entry', () => {
    const v1: OwnerReference = { apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'Machine', name: 'm', uid: 'u1' };
    const v2: OwnerReference = { ...v1, apiVersion: 'cluster.x-k8s.io/v1beta2' };
    const theirs: OwnerReference = { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', name: 'c', uid: 'u2' };
    expect(ownerReferenceKey(v1)).toBe(ownerReferenceKey(v2));
    expect(mergeKeyedList([v1], [v2], [v1, theirs], ownerReferenceKey)).toEqual([v2, theirs]);
  });
});

describe('condition three-way merge (CAPI conditions.Patch.Apply)', () => {
  const v1beta2 = { form: 'v1beta2' as const };

  it('diffs add, change and remove per type', () => {
    const changes = diffConditions([cond('A', 'True'), cond('B', 'True')], [cond('A', 'False'), cond('C', 'True')]);
    expect(changes.map((c) => c.op)).toEqual(['change', 'add', 'remove']);
  });

  it('adds ours next to a condition someone else added', () => {
    const merged = applyConditionChanges([cond('Theirs', 'True')], diffConditions([], [cond('Ours', 'True')]), v1beta2);
    expect(merged.map((c) => c.type)).toEqual(['Ours', 'Theirs']);
  });

  it('sorts the result in the default order', () => {
    const merged = applyConditionChanges(
      [cond('Zeta', 'True')],
      diffConditions([], [cond('Ready', 'True'), cond('Paused', 'False')]),
      v1beta2,
    );
    expect(merged.map((c) => c.type)).toEqual(['Ready', 'Zeta', 'Paused']);
  });

  it('add: conflict when the latest list has the type in another state, fine when it agrees', () => {
    const changes = diffConditions([], [cond('A', 'True', { lastTransitionTime: T1 })]);
    expect(() => applyConditionChanges([cond('A', 'False')], changes, v1beta2)).toThrow(ConditionConflictError);
    expect(applyConditionChanges([cond('A', 'True')], changes, v1beta2)).toEqual([cond('A', 'True')]);
  });

  it('change: applies ours when the latest is still our snapshot, keeping the transition time when the status stays', () => {
    const before = cond('A', 'False', { reason: 'Old' });
    const after = cond('A', 'False', { reason: 'New', lastTransitionTime: T1 });
    expect(applyConditionChanges([before], diffConditions([before], [after]), v1beta2)).toEqual([
      cond('A', 'False', { reason: 'New', lastTransitionTime: T0 }),
    ]);
  });

  it('change: conflict when someone else changed it differently or deleted it; owned or forced wins', () => {
    const before = cond('A', 'False');
    const ours = cond('A', 'True', { lastTransitionTime: T1 });
    const theirs = cond('A', 'Unknown', { reason: 'Theirs' });
    const changes = diffConditions([before], [ours]);
    expect(() => applyConditionChanges([theirs], changes, v1beta2)).toThrow(
      /condition A was changed by another writer/,
    );
    expect(() => applyConditionChanges([], changes, v1beta2)).toThrow(ConditionConflictError);
    expect(applyConditionChanges([theirs], changes, { ...v1beta2, ownedConditions: ['A'] })).toEqual([ours]);
    expect(applyConditionChanges([theirs], changes, { ...v1beta2, forceOverwrite: true })).toEqual([ours]);
    expect(applyConditionChanges([], changes, { ...v1beta2, ownedConditions: ['A'] })).toEqual([ours]);
  });

  it('change: no conflict when someone else already made the same change; their transition time stays', () => {
    const before = cond('A', 'False');
    const ours = cond('A', 'True', { lastTransitionTime: T1 });
    const theirs = cond('A', 'True', { lastTransitionTime: '2026-01-03T00:00:00Z' });
    expect(applyConditionChanges([theirs], diffConditions([before], [ours]), v1beta2)).toEqual([theirs]);
  });

  it('remove: conflict when someone else changed it since our snapshot; owned wins', () => {
    const before = cond('A', 'True');
    const changes = diffConditions([before], []);
    expect(applyConditionChanges([before, cond('B', 'True')], changes, v1beta2)).toEqual([cond('B', 'True')]);
    expect(applyConditionChanges([], changes, v1beta2)).toEqual([]);
    expect(() => applyConditionChanges([cond('A', 'False')], changes, v1beta2)).toThrow(ConditionConflictError);
    expect(applyConditionChanges([cond('A', 'False')], changes, { ...v1beta2, ownedConditions: ['A'] })).toEqual([]);
  });

  it('v1beta1 form: the transition time moves with any change of state, and Ready sorts first', () => {
    const before = { type: 'Ready', status: 'False', severity: 'Info', reason: 'Waiting', lastTransitionTime: T0 };
    const after = { ...before, reason: 'StillWaiting', lastTransitionTime: T1 };
    const merged = applyConditionChanges(
      [{ type: 'Alpha', status: 'True', lastTransitionTime: T0 }, before],
      diffConditions([before], [after]),
      { form: 'v1beta1' },
    );
    expect(merged).toEqual([after, { type: 'Alpha', status: 'True', lastTransitionTime: T0 }]);
  });
});
