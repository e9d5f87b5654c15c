import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConditionLayouts,
  compareV1Beta1Conditions,
  deleteConditionInBothForms,
  deleteV1Beta1Condition,
  getCondition,
  getV1Beta1Condition,
  getV1Beta1Conditions,
  type KubeObject,
  setConditionInBothForms,
  setV1Beta1Condition,
  toV1Beta1Condition,
} from '../../src/index.js';

const object = (): KubeObject => ({ metadata: { name: 'm', namespace: 'default', generation: 7 } });

describe('v1beta1 conditions', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T10:00:00.400Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sorts Ready first, then the other types alphabetically', () => {
    const types = ['Zeta', 'InfrastructureReady', 'Ready', 'Alpha', 'BootstrapReady'];
    expect(
      types
        .map((type) => ({ type }))
        .sort(compareV1Beta1Conditions)
        .map((c) => c.type),
    ).toEqual(['Ready', 'Alpha', 'BootstrapReady', 'InfrastructureReady', 'Zeta']);
    const obj = object();
    for (const type of types) setV1Beta1Condition(obj, { type, status: 'True' });
    expect(getV1Beta1Conditions(obj).map((c) => c.type)).toEqual([
      'Ready',
      'Alpha',
      'BootstrapReady',
      'InfrastructureReady',
      'Zeta',
    ]);
  });

  it('keeps severity only for False, and has no observedGeneration', () => {
    const obj = object();
    setV1Beta1Condition(obj, { type: 'Ready', status: 'True', severity: 'Error' });
    expect(getV1Beta1Condition(obj, 'Ready')).toEqual({
      type: 'Ready',
      status: 'True',
      lastTransitionTime: '2026-01-01T10:00:00Z',
    });
    setV1Beta1Condition(obj, {
      type: 'Ready',
      status: 'False',
      severity: 'Error',
      reason: 'VMFailed',
      message: 'boom',
    });
    expect(getV1Beta1Condition(obj, 'Ready')).toEqual({
      type: 'Ready',
      status: 'False',
      severity: 'Error',
      reason: 'VMFailed',
      message: 'boom',
      lastTransitionTime: '2026-01-01T10:00:00Z',
    });
  });

  it('moves lastTransitionTime on any change of state (status, severity, reason or message), unlike v1beta2', () => {
    const obj = object();
    setV1Beta1Condition(obj, { type: 'Ready', status: 'False', severity: 'Info', reason: 'Waiting' });
    vi.setSystemTime(new Date('2026-01-01T11:00:00Z'));
    expect(setV1Beta1Condition(obj, { type: 'Ready', status: 'False', severity: 'Info', reason: 'Waiting' })).toBe(
      false,
    );
    expect(getV1Beta1Condition(obj, 'Ready')?.lastTransitionTime).toBe('2026-01-01T10:00:00Z');
    expect(setV1Beta1Condition(obj, { type: 'Ready', status: 'False', severity: 'Info', reason: 'StillWaiting' })).toBe(
      true,
    );
    expect(getV1Beta1Condition(obj, 'Ready')?.lastTransitionTime).toBe('2026-01-01T11:00:00Z');
  });

  it('deletes a type', () => {
    const obj = object();
    setV1Beta1Condition(obj, { type: 'Ready', status: 'True' });
    expect(deleteV1Beta1Condition(obj, 'Ready')).toBe(true);
    expect(deleteV1Beta1Condition(obj, 'Ready')).toBe(false);
    expect(getV1Beta1Conditions(obj)).toEqual([]);
  });
});

describe('conditions in both forms', () => {
  it('converts a v1beta2 condition to its v1beta1 copy, with a severity only when False', () => {
    expect(toV1Beta1Condition({ type: 'Ready', status: 'False', reason: 'Down', message: 'm' }, 'Warning')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'Down',
      message: 'm',
      severity: 'Warning',
    });
    expect(toV1Beta1Condition({ type: 'Ready', status: 'False', reason: 'Down' })).toMatchObject({ severity: 'Info' });
    expect(toV1Beta1Condition({ type: 'Ready', status: 'True', reason: 'Up' })).toEqual({
      type: 'Ready',
      status: 'True',
      reason: 'Up',
    });
  });

  it('v1beta2 layout: status.conditions holds metav1 conditions, status.deprecated.v1beta1.conditions the old ones', () => {
    const obj = object();
    expect(
      setConditionInBothForms(obj, { type: 'Ready', status: 'False', reason: 'Down' }, { severity: 'Error' }),
    ).toBe(true);
    const status = obj.status as { conditions: unknown[]; deprecated: { v1beta1: { conditions: unknown[] } } };
    expect(status.conditions).toEqual([expect.objectContaining({ type: 'Ready', observedGeneration: 7, message: '' })]);
    expect(status.deprecated.v1beta1.conditions).toEqual([
      expect.objectContaining({ type: 'Ready', status: 'False', severity: 'Error', reason: 'Down' }),
    ]);
    expect(status.deprecated.v1beta1.conditions[0]).not.toHaveProperty('observedGeneration');
    expect(
      setConditionInBothForms(obj, { type: 'Ready', status: 'False', reason: 'Down' }, { severity: 'Error' }),
    ).toBe(false);
  });

  it('v1beta1 layout: status.conditions holds the old conditions, status.v1beta2.conditions metav1 ones', () => {
    const obj = object();
    const layout = ConditionLayouts.v1beta1;
    setConditionInBothForms(obj, { type: 'Ready', status: 'True', reason: 'Up' }, { layout });
    const status = obj.status as { conditions: unknown[]; v1beta2: { conditions: unknown[] } };
    expect(status.conditions).toEqual([expect.objectContaining({ type: 'Ready', status: 'True', reason: 'Up' })]);
    expect(status.conditions[0]).not.toHaveProperty('observedGeneration');
    expect(status.v1beta2.conditions).toEqual([expect.objectContaining({ type: 'Ready', observedGeneration: 7 })]);
    expect(getCondition(obj, 'Ready', layout)?.status).toBe('True');
    expect(getV1Beta1Condition(obj, 'Ready', layout)?.status).toBe('True');

    expect(deleteConditionInBothForms(obj, 'Ready', layout)).toBe(true);
    expect(obj.status).toEqual({ v1beta2: {} });
  });
});
