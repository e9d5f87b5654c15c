import { describe, expect, it } from 'vitest';
import {
  getCondition,
  InvalidConditionError,
  type KubeObject,
  mirrorCondition,
  readCondition,
  readConditions,
  setCondition,
  setMirrorCondition,
} from '../../src/index.js';

const T0 = '2026-01-01T10:00:00Z';
const T1 = '2026-01-02T10:00:00Z';
const object = (status: Record<string, unknown>, generation = 1): KubeObject => ({
  kind: 'LXCMachine',
  metadata: { name: 'm', namespace: 'default', generation },
  status,
});

describe('readConditions: the reading order of CAPI UnstructuredGetAll', () => {
  it('prefers status.v1beta2.conditions (object at a v1beta1 API version)', () => {
    const obj = object({
      conditions: [{ type: 'Ready', status: 'False', severity: 'Error', reason: 'Old', lastTransitionTime: T0 }],
      v1beta2: {
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'New',
            message: 'ok',
            lastTransitionTime: T1,
            observedGeneration: 2,
          },
        ],
      },
    });
    expect(readConditions(obj)).toEqual([
      { type: 'Ready', status: 'True', reason: 'New', message: 'ok', lastTransitionTime: T1, observedGeneration: 2 },
    ]);
  });

  it('falls back to status.conditions and converts v1beta1 conditions on a best-effort basis', () => {
    const obj = object({
      conditions: [
        { type: 'Ready', status: 'False', severity: 'Warning', lastTransitionTime: T0, message: 'VM stopped' },
        'not a condition',
        { type: 'Other', status: 'True' },
      ],
    });
    expect(readConditions(obj)).toEqual([
      { type: 'Ready', status: 'False', reason: 'NoReasonReported', message: 'VM stopped', lastTransitionTime: T0 },
      { type: 'Other', status: 'True', reason: 'NoReasonReported', message: '', lastTransitionTime: '' },
    ]);
  });

  it('falls back to status.conditions when status.v1beta2 has no condition list', () => {
    const obj = object({
      v1beta2: {},
      conditions: [{ type: 'Ready', status: 'True', reason: 'R', lastTransitionTime: T0 }],
    });
    expect(readCondition(obj, 'Ready')?.reason).toBe('R');
  });

  it('returns nothing for an object without conditions', () => {
    expect(readConditions({ metadata: { name: 'x' } })).toEqual([]);
  });

  it.each([
    [{ status: 'True' }, /type must be set/],
    [{ type: 'Ready' }, /status must be set for the Ready condition/],
    [{ type: 'Ready', status: 'Maybe' }, /must be one of True, False, Unknown/],
  ])('rejects malformed entries: %j', (entry, message) => {
    const read = () => readConditions(object({ conditions: [entry] }));
    expect(read).toThrow(InvalidConditionError);
    expect(read).toThrow(message);
  });
});

describe('mirrorCondition', () => {
  it('copies status, reason, message and lastTransitionTime, not observedGeneration', () => {
    const infra = object({
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'VMStarting',
          message: 'booting',
          lastTransitionTime: T0,
          observedGeneration: 9,
        },
      ],
    });
    expect(mirrorCondition(infra, 'Ready', { targetType: 'InfrastructureReady' })).toEqual({
      type: 'InfrastructureReady',
      status: 'False',
      reason: 'VMStarting',
      message: 'booting',
      lastTransitionTime: T0,
    });
  });

  it('reports NotYetReported when the source lacks the condition', () => {
    expect(mirrorCondition(object({}), 'Ready')).toEqual({
      type: 'Ready',
      status: 'Unknown',
      reason: 'NotYetReported',
      message: 'Condition Ready not yet reported',
    });
  });

  it('uses the fallback when the source lacks the condition', () => {
    const fallback = { status: 'False' as const, reason: 'WaitingForInfrastructure', message: 'not created yet' };
    expect(mirrorCondition(object({}), 'Ready', { targetType: 'InfrastructureReady', fallback })).toEqual({
      type: 'InfrastructureReady',
      ...fallback,
    });
  });

  it('sets the mirror on the target with the target generation and the source transition time', () => {
    const infra = object({
      conditions: [{ type: 'Ready', status: 'True', reason: 'Up', message: '', lastTransitionTime: T0 }],
    });
    const machine = object({}, 5);
    expect(setMirrorCondition(infra, machine, 'Ready', { targetType: 'InfrastructureReady' })).toBe(true);
    expect(getCondition(machine, 'InfrastructureReady')).toEqual({
      type: 'InfrastructureReady',
      status: 'True',
      reason: 'Up',
      message: '',
      lastTransitionTime: T0,
      observedGeneration: 5,
    });
    expect(setMirrorCondition(infra, machine, 'Ready', { targetType: 'InfrastructureReady' })).toBe(false);
  });

  it("keeps the target's transition time when the mirrored status does not change", () => {
    const machine = object({}, 1);
    setCondition(machine, { type: 'InfrastructureReady', status: 'True', reason: 'Up', lastTransitionTime: T0 });
    const infra = object({
      conditions: [{ type: 'Ready', status: 'True', reason: 'StillUp', message: '', lastTransitionTime: T1 }],
    });
    setMirrorCondition(infra, machine, 'Ready', { targetType: 'InfrastructureReady' });
    expect(getCondition(machine, 'InfrastructureReady')).toMatchObject({ reason: 'StillUp', lastTransitionTime: T0 });
  });
});
