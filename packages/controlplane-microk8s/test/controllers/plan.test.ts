import type { FailureDomain, Machine } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { nextFailureDomain } from '../../src/controllers/microk8scontrolplane/failure-domains.js';
import {
  effectiveUpgradeStrategy,
  machineToDelete,
  planControlPlane,
} from '../../src/controllers/microk8scontrolplane/plan.js';

let seq = 0;
function machine(version: string, failureDomain?: string, extra: Partial<Machine['metadata']> = {}): Machine {
  seq += 1;
  return {
    status: { nodeRef: { name: `n${seq}` } },
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { name: `m${seq}`, creationTimestamp: `2026-01-01T00:00:${String(seq).padStart(2, '0')}Z`, ...extra },
    spec: {
      clusterName: 'c',
      version,
      bootstrap: {},
      infrastructureRef: { apiGroup: 'x', kind: 'X', name: 'x' },
      ...(failureDomain ? { failureDomain } : {}),
    },
  };
}
const domains: FailureDomain[] = [
  { name: 'c', controlPlane: true },
  { name: 'a', controlPlane: true },
  { name: 'b', controlPlane: true },
  { name: 'workers-only', controlPlane: false },
];

describe('failure domain spreading', () => {
  it('fills the emptiest control-plane domain, ties by name, never a worker-only domain', () => {
    const placed: Machine[] = [];
    for (let i = 0; i < 6; i++) placed.push(machine('v1.30.0', nextFailureDomain(domains, placed)));
    expect(placed.map((m) => m.spec.failureDomain)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('has no domain when the Cluster has none', () => {
    expect(nextFailureDomain([], [])).toBeUndefined();
    expect(nextFailureDomain([{ name: 'w', controlPlane: false }], [])).toBeUndefined();
  });

  it('scales down from the most crowded domain, oldest first', () => {
    const [a1, a2, b1] = [machine('v1.30.0', 'a'), machine('v1.30.0', 'a'), machine('v1.30.0', 'b')];
    expect(machineToDelete([b1, a2, a1] as Machine[], { version: 'v1.30.0', failureDomains: domains })).toBe(a1);
  });

  it('scales down outdated Machines first', () => {
    const [a1, a2, b1] = [machine('v1.30.0', 'a'), machine('v1.30.0', 'a'), machine('v1.29.0', 'b')];
    expect(machineToDelete([a1, a2, b1] as Machine[], { version: 'v1.30.0', failureDomains: domains })).toBe(b1);
  });
});

describe('upgrade strategy selection', () => {
  it.each([
    [undefined, 1, 'InPlaceUpgrade'],
    [undefined, 3, 'RollingUpgrade'],
    ['SmartUpgrade', 2, 'InPlaceUpgrade'],
    ['SmartUpgrade', 3, 'RollingUpgrade'],
    ['RollingUpgrade', 1, 'RollingUpgrade'],
    ['InPlaceUpgrade', 5, 'InPlaceUpgrade'],
  ] as const)('%s with %i Machines → %s', (strategy, count, expected) => {
    expect(effectiveUpgradeStrategy(strategy, count)).toBe(expected);
  });
});

describe('planControlPlane', () => {
  const base = { version: 'v1.30.0', failureDomains: domains };

  it('boots the first Machine, then scales up one at a time', () => {
    expect(planControlPlane({ ...base, replicas: 3, machines: [] })).toEqual({
      action: 'create',
      reason: 'Initializing',
    });
    expect(planControlPlane({ ...base, replicas: 3, machines: [machine('v1.30.0')] })).toEqual({
      action: 'create',
      reason: 'ScalingUp',
    });
  });

  it('scales down to 1 (CACPM refuses below 4)', () => {
    const machines = [machine('v1.30.0', 'a'), machine('v1.30.0', 'b')];
    const plan = planControlPlane({ ...base, replicas: 1, machines });
    expect(plan).toEqual({ action: 'delete', machine: machines[0], reason: 'ScalingDown' });
  });

  it('never removes the last Machine', () => {
    expect(planControlPlane({ ...base, replicas: 0, machines: [machine('v1.30.0')] })).toEqual({ action: 'none' });
  });

  it('does nothing at the desired size and version (patch versions do not count)', () => {
    const machines = [machine('v1.30.2'), machine('v1.30.0'), machine('v1.30.0')];
    expect(planControlPlane({ ...base, replicas: 3, machines })).toEqual({ action: 'none' });
  });

  it('rolls a single Machine: surge one, then remove the outdated one', () => {
    const old = machine('v1.29.4');
    const input = { ...base, replicas: 1, upgradeStrategy: 'RollingUpgrade' as const };
    expect(planControlPlane({ ...input, machines: [old] })).toEqual({ action: 'create', reason: 'RollingUpgrade' });
    const plan = planControlPlane({ ...input, machines: [old, machine('v1.30.0')] });
    expect(plan).toEqual({ action: 'delete', machine: old, reason: 'RollingUpgrade' });
  });

  it('rolls 3 Machines under SmartUpgrade', () => {
    const machines = [machine('v1.29.0', 'a'), machine('v1.29.0', 'b'), machine('v1.29.0', 'c')];
    expect(planControlPlane({ ...base, replicas: 3, machines })).toEqual({
      action: 'create',
      reason: 'RollingUpgrade',
    });
    const surged = [...machines, machine('v1.30.0', 'a')];
    const plan = planControlPlane({ ...base, replicas: 3, machines: surged });
    expect(plan).toMatchObject({ action: 'delete', reason: 'RollingUpgrade', machine: machines[0] });
  });

  it('upgrades small control planes in place under SmartUpgrade, oldest first', () => {
    const machines = [machine('v1.30.0'), machine('v1.29.0'), machine('v1.29.0')].slice(0, 2);
    const plan = planControlPlane({ ...base, replicas: 2, machines });
    expect(plan).toEqual({ action: 'upgradeInPlace', machines: [machines[1]] });
  });

  it('does not remove a Machine while another has not joined yet', () => {
    const old = machine('v1.29.4');
    const joining = { ...machine('v1.30.0'), status: {} };
    const plan = planControlPlane({
      ...base,
      replicas: 1,
      upgradeStrategy: 'RollingUpgrade',
      machines: [old, joining],
    });
    expect(plan).toEqual({ action: 'waitForNodes', machines: [joining] });
  });

  it('removes a Machine that never joined without waiting for it', () => {
    const [a, b] = [machine('v1.30.0'), { ...machine('v1.30.0'), status: {} }];
    expect(planControlPlane({ ...base, failureDomains: [], replicas: 1, machines: [a, b] })).toMatchObject({
      action: 'delete',
    });
  });

  it('waits for a Machine being deleted', () => {
    const deleting = machine('v1.30.0', undefined, { deletionTimestamp: '2026-01-01T00:00:00Z' });
    expect(planControlPlane({ ...base, replicas: 3, machines: [machine('v1.30.0'), deleting] })).toEqual({
      action: 'waitForDeletion',
      machine: deleting,
    });
  });
});
