import { describe, expect, it } from 'vitest';
import {
  type Cluster,
  hasPausedAnnotation,
  isPaused,
  type Machine,
  pausedCondition,
  withCondition,
} from '../../src/capi/index.js';

const cluster = (paused?: boolean): Cluster => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Cluster',
  metadata: { name: 'c1', namespace: 'ns' },
  spec: paused === undefined ? {} : { paused },
});

const machine = (annotations?: Record<string, string>): Machine => ({
  apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
  kind: 'DevMachine',
  metadata: { name: 'm1', namespace: 'ns', generation: 3, ...(annotations ? { annotations } : {}) },
  spec: { clusterName: 'c1', bootstrap: {}, infrastructureRef: { apiGroup: 'x', kind: 'Y', name: 'z' } },
});

describe('pause semantics (util/paused)', () => {
  it('is paused by Cluster spec.paused or by the annotation with any value', () => {
    expect(isPaused(cluster(), machine())).toBe(false);
    expect(isPaused(cluster(false), machine())).toBe(false);
    expect(isPaused(undefined, machine())).toBe(false);
    expect(isPaused(cluster(true), machine())).toBe(true);
    expect(isPaused(cluster(), machine({ 'cluster.x-k8s.io/paused': '' }))).toBe(true);
    expect(isPaused(undefined, machine({ 'cluster.x-k8s.io/paused': 'false' }))).toBe(true);
    expect(hasPausedAnnotation(machine({ other: 'x' }))).toBe(false);
  });

  it('computes NotPaused when nothing pauses the object', () => {
    expect(pausedCondition(cluster(false), machine())).toEqual({
      type: 'Paused',
      status: 'False',
      reason: 'NotPaused',
      observedGeneration: 3,
    });
  });

  it('names the Cluster when spec.paused is set', () => {
    expect(pausedCondition(cluster(true), machine())).toEqual({
      type: 'Paused',
      status: 'True',
      reason: 'Paused',
      message: 'Cluster spec.paused is set to true',
      observedGeneration: 3,
    });
  });

  it('names the kind of the object that carries the annotation', () => {
    const object = machine({ 'cluster.x-k8s.io/paused': 'true' });
    expect(pausedCondition(cluster(), object).message).toBe(
      'DevMachine has the cluster.x-k8s.io/paused annotation',
    );
    const { kind: _, ...withoutKind } = object;
    expect(pausedCondition(cluster(), withoutKind).message).toBe('Object has the cluster.x-k8s.io/paused annotation');
  });

  it('lists both causes, Cluster first', () => {
    expect(pausedCondition(cluster(true), machine({ 'cluster.x-k8s.io/paused': '' })).message).toBe(
      'Cluster spec.paused is set to true, DevMachine has the cluster.x-k8s.io/paused annotation',
    );
  });

  it('keeps lastTransitionTime while the status does not change', () => {
    const t0 = new Date('2026-01-01T00:00:00.123Z');
    const t1 = new Date('2026-01-02T00:00:00Z');
    const first = withCondition([], { type: 'Paused', status: 'False', reason: 'NotPaused' }, t0);
    expect(first).toEqual([{ type: 'Paused', status: 'False', reason: 'NotPaused', lastTransitionTime: '2026-01-01T00:00:00Z' }]);
    const same = withCondition(first, { type: 'Paused', status: 'False', reason: 'NotPaused', observedGeneration: 2 }, t1);
    expect(same[0]?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    expect(same[0]?.observedGeneration).toBe(2);
    const flipped = withCondition(same, { type: 'Paused', status: 'True', reason: 'Paused' }, t1);
    expect(flipped[0]?.lastTransitionTime).toBe('2026-01-02T00:00:00Z');
    const ready = { type: 'Ready', status: 'True' as const, lastTransitionTime: '2025-01-01T00:00:00Z' };
    expect(withCondition([ready], { type: 'Paused', status: 'False' }, t1).map((c) => c.type)).toEqual([
      'Ready',
      'Paused',
    ]);
  });
});
