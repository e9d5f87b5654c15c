import { describe, expect, it } from 'vitest';
import { type Cluster, hasPausedAnnotation, isPaused, type Machine, pausedCondition } from '../../src/capi/index.js';

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
    expect(pausedCondition(cluster(), object).message).toBe('DevMachine has the cluster.x-k8s.io/paused annotation');
    const { kind: _, ...withoutKind } = object;
    expect(pausedCondition(cluster(), withoutKind).message).toBe('Object has the cluster.x-k8s.io/paused annotation');
  });

  it('lists both causes, Cluster first', () => {
    expect(pausedCondition(cluster(true), machine({ 'cluster.x-k8s.io/paused': '' })).message).toBe(
      'Cluster spec.paused is set to true, DevMachine has the cluster.x-k8s.io/paused annotation',
    );
  });
});
