import { describe, expect, it } from 'vitest';
import { isControlPlaneMachine, isExternallyManaged, type Machine, matchesWatchFilter } from '../../src/capi/index.js';

const machine = (labels?: Record<string, string>): Machine => ({
  metadata: { name: 'm', ...(labels ? { labels } : {}) },
  spec: { clusterName: 'c', bootstrap: {}, infrastructureRef: { apiGroup: 'g', kind: 'K', name: 'n' } },
});

describe('object checks', () => {
  it('recognises control-plane Machines by the presence of the empty control-plane label', () => {
    expect(isControlPlaneMachine(machine({ 'cluster.x-k8s.io/control-plane': '' }))).toBe(true);
    expect(isControlPlaneMachine(machine({ 'cluster.x-k8s.io/deployment-name': 'md' }))).toBe(false);
    expect(isControlPlaneMachine(machine())).toBe(false);
  });

  it('recognises externally managed objects by the managed-by annotation with any value', () => {
    expect(isExternallyManaged({ metadata: { annotations: { 'cluster.x-k8s.io/managed-by': '' } } })).toBe(true);
    expect(isExternallyManaged({ metadata: { labels: { 'cluster.x-k8s.io/managed-by': 'x' } } })).toBe(false);
  });

  it('applies --watch-filter only when it is set', () => {
    const labelled = machine({ 'cluster.x-k8s.io/watch-filter': 'shard-a' });
    expect(matchesWatchFilter(labelled, undefined)).toBe(true);
    expect(matchesWatchFilter(machine(), '')).toBe(true);
    expect(matchesWatchFilter(labelled, 'shard-a')).toBe(true);
    expect(matchesWatchFilter(labelled, 'shard-b')).toBe(false);
    expect(matchesWatchFilter(machine(), 'shard-a')).toBe(false);
  });
});
