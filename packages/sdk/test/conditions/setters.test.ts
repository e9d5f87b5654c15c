import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type Condition,
  ConditionLayouts,
  conditionTime,
  deleteCondition,
  getCondition,
  getConditions,
  hasCondition,
  isConditionFalse,
  isConditionTrue,
  isConditionUnknown,
  type KubeObject,
  setCondition,
} from '../../src/index.js';

const T0 = '2026-01-01T10:00:00Z';
const widget = (status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'test.capi-ts.dev/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'default', generation: 3 },
  ...(status ? { status } : {}),
});

describe('setCondition (v1beta2)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T10:00:00.750Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('adds a condition with the current time truncated to seconds and the object generation', () => {
    const obj = widget();
    expect(setCondition(obj, { type: 'Ready', status: 'False', reason: 'Waiting' })).toBe(true);
    expect(getConditions(obj)).toEqual<Condition[]>([
      { type: 'Ready', status: 'False', reason: 'Waiting', message: '', lastTransitionTime: T0, observedGeneration: 3 },
    ]);
  });

  it('keeps lastTransitionTime while the status stays, and updates reason, message and observedGeneration', () => {
    const obj = widget();
    setCondition(obj, { type: 'Ready', status: 'False', reason: 'Waiting' });
    vi.setSystemTime(new Date('2026-01-01T11:00:00Z'));
    obj.metadata.generation = 4;
    expect(setCondition(obj, { type: 'Ready', status: 'False', reason: 'StillWaiting', message: 'for the VM' })).toBe(
      true,
    );
    expect(getCondition(obj, 'Ready')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'StillWaiting',
      message: 'for the VM',
      lastTransitionTime: T0,
      observedGeneration: 4,
    });
  });

  it('moves lastTransitionTime when the status changes', () => {
    const obj = widget();
    setCondition(obj, { type: 'Ready', status: 'False', reason: 'Waiting' });
    vi.setSystemTime(new Date('2026-01-01T11:30:00.999Z'));
    setCondition(obj, { type: 'Ready', status: 'True', reason: 'Provisioned' });
    expect(getCondition(obj, 'Ready')?.lastTransitionTime).toBe('2026-01-01T11:30:00Z');
  });

  it('uses a given lastTransitionTime only for a new condition or a status change', () => {
    const obj = widget();
    setCondition(obj, { type: 'Ready', status: 'False', reason: 'A', lastTransitionTime: '2025-05-05T05:05:05.123Z' });
    expect(getCondition(obj, 'Ready')?.lastTransitionTime).toBe('2025-05-05T05:05:05Z');
    setCondition(obj, { type: 'Ready', status: 'False', reason: 'B', lastTransitionTime: '2025-06-06T06:06:06Z' });
    expect(getCondition(obj, 'Ready')?.lastTransitionTime).toBe('2025-05-05T05:05:05Z');
  });

  it('reports no change and leaves the object alone when the condition is already in that state', () => {
    const obj = widget();
    setCondition(obj, { type: 'Ready', status: 'True', reason: 'Provisioned' });
    const copy = structuredClone(obj);
    vi.setSystemTime(new Date('2026-02-01T00:00:00Z'));
    expect(setCondition(obj, { type: 'Ready', status: 'True', reason: 'Provisioned' })).toBe(false);
    expect(obj).toEqual(copy);
  });

  it("keeps CAPI's order: Available and Ready first, custom types alphabetically, Paused and Deleting last", () => {
    const obj = widget();
    for (const type of [
      'Deleting',
      'Zeta',
      'Paused',
      'InfrastructureReady',
      'Alpha',
      'Ready',
      'Available',
      'ScalingUp',
    ]) {
      setCondition(obj, { type, status: 'True', reason: 'R' });
    }
    expect(getConditions(obj).map((c) => c.type)).toEqual([
      'Available',
      'Ready',
      'InfrastructureReady',
      'ScalingUp',
      'Alpha',
      'Zeta',
      'Paused',
      'Deleting',
    ]);
  });

  it('writes to status.v1beta2.conditions for an object at a v1beta1 API version', () => {
    const obj = widget({ conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: T0 }] });
    setCondition(obj, { type: 'Ready', status: 'False', reason: 'Down' }, { layout: ConditionLayouts.v1beta1 });
    expect((obj.status as { conditions: unknown[] }).conditions).toEqual([
      { type: 'Ready', status: 'True', lastTransitionTime: T0 },
    ]);
    expect(getCondition(obj, 'Ready', ConditionLayouts.v1beta1)?.status).toBe('False');
  });

  it('does not touch a frozen input when nothing changes, and throws rather than corrupting it otherwise', () => {
    const obj = widget();
    setCondition(obj, { type: 'Ready', status: 'True', reason: 'Provisioned' });
    const frozen = deepFreeze(obj);
    expect(setCondition(frozen, { type: 'Ready', status: 'True', reason: 'Provisioned' })).toBe(false);
    expect(() => setCondition(frozen, { type: 'Ready', status: 'False', reason: 'Down' })).toThrow(TypeError);
  });
});

describe('condition getters and delete', () => {
  const obj = widget({
    conditions: [
      { type: 'Ready', status: 'True', reason: 'R', message: '', lastTransitionTime: T0 },
      { type: 'Paused', status: 'False', reason: 'NotPaused', message: '', lastTransitionTime: T0 },
      { type: 'Probe', status: 'Unknown', reason: 'R', message: '', lastTransitionTime: T0 },
    ],
  });

  it('answers has / isTrue / isFalse / isUnknown; a missing condition counts as unknown', () => {
    expect(hasCondition(obj, 'Ready')).toBe(true);
    expect(hasCondition(obj, 'Missing')).toBe(false);
    expect(isConditionTrue(obj, 'Ready')).toBe(true);
    expect(isConditionFalse(obj, 'Ready')).toBe(false);
    expect(isConditionFalse(obj, 'Paused')).toBe(true);
    expect(isConditionUnknown(obj, 'Probe')).toBe(true);
    expect(isConditionUnknown(obj, 'Missing')).toBe(true);
    expect(isConditionTrue(obj, 'Missing')).toBe(false);
  });

  it('deletes one type, and drops the list when it becomes empty', () => {
    const copy = structuredClone(obj);
    expect(deleteCondition(copy, 'Paused')).toBe(true);
    expect(deleteCondition(copy, 'Paused')).toBe(false);
    expect(getConditions(copy).map((c) => c.type)).toEqual(['Ready', 'Probe']);
    deleteCondition(copy, 'Ready');
    deleteCondition(copy, 'Probe');
    expect(copy.status).toEqual({});
  });

  it('formats times as metav1.Time does', () => {
    expect(conditionTime(new Date('2026-03-04T05:06:07.890Z'))).toBe('2026-03-04T05:06:07Z');
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
