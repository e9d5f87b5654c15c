import type { Machine } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import type { ConditionValue } from '../../src/controllers/microk8scontrolplane/health.js';
import { machinesUpToDate, machineUpToDate } from '../../src/controllers/microk8scontrolplane/up-to-date.js';

function machine(name: string, version?: string): Machine {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { name },
    spec: { clusterName: 'c', bootstrap: {}, infrastructureRef: {}, ...(version ? { version } : {}) },
  } as unknown as Machine;
}

const upToDate: ConditionValue = { status: 'True', reason: 'UpToDate', message: '' };
const outdated = (from: string, to: string): ConditionValue => ({
  status: 'False',
  reason: 'NotUpToDate',
  message: `* Version ${from}, ${to} required`,
});

describe('a Machine’s UpToDate', () => {
  it('is True on the desired minor, patch releases included (the planner rolls out minors only)', () => {
    expect(machineUpToDate(machine('a', 'v1.31.0'), 'v1.31.0', false)).toEqual(upToDate);
    expect(machineUpToDate(machine('a', 'v1.31.4'), 'v1.31.0', false)).toEqual(upToDate);
  });

  it('is False/NotUpToDate on another minor or without a version, saying why as KubeadmControlPlane does', () => {
    expect(machineUpToDate(machine('a', 'v1.30.1'), 'v1.31.0', false)).toEqual(outdated('v1.30.1', 'v1.31.0'));
    expect(machineUpToDate(machine('a'), 'v1.31.0', false)).toEqual(outdated('not set', 'v1.31.0'));
  });

  it('is False/Updating while the Machine is upgraded in place', () => {
    expect(machineUpToDate(machine('a', 'v1.30.1'), 'v1.31.2', true)).toEqual({
      status: 'False',
      reason: 'Updating',
      message: '* In-place upgrade to v1.31.2 in progress',
    });
  });
});

describe('the control plane’s MachinesUpToDate', () => {
  it('is True/NoReplicas without Machines and True/UpToDate when all are up to date', () => {
    expect(machinesUpToDate([])).toEqual({ status: 'True', reason: 'NoReplicas', message: '' });
    const all = [machine('a'), machine('b')].map((m) => ({ machine: m, value: upToDate }));
    expect(machinesUpToDate(all)).toEqual({ status: 'True', reason: 'UpToDate', message: '' });
  });

  it('is False/NotUpToDate when one is not, grouping the Machines by message, issues first', () => {
    const result = machinesUpToDate([
      { machine: machine('new'), value: upToDate },
      { machine: machine('old-b'), value: outdated('v1.30.1', 'v1.31.0') },
      { machine: machine('old-a'), value: outdated('v1.30.1', 'v1.31.0') },
      { machine: machine('unknown'), value: { status: 'Unknown', reason: 'UpToDateUnknown', message: 'Not known' } },
      {
        machine: machine('moving'),
        value: { status: 'False', reason: 'Updating', message: '* In-place upgrade to v1.31.0 in progress' },
      },
    ]);
    expect(result).toEqual({
      status: 'False',
      reason: 'NotUpToDate',
      message: [
        '* Machines old-a, old-b:',
        '  * Version v1.30.1, v1.31.0 required',
        '* Machine moving:',
        '  * In-place upgrade to v1.31.0 in progress',
        '* Machine unknown: Not known',
      ].join('\n'),
    });
  });

  it('is Unknown/UpToDateUnknown when one is Unknown and none is False', () => {
    const result = machinesUpToDate([
      { machine: machine('a'), value: upToDate },
      { machine: machine('b'), value: { status: 'Unknown', reason: 'UpToDateUnknown', message: 'Not known' } },
    ]);
    expect(result).toEqual({ status: 'Unknown', reason: 'UpToDateUnknown', message: '* Machine b: Not known' });
  });

  it('lists three names and three messages at most, summing up the rest', () => {
    const many = ['m1', 'm2', 'm3', 'm4'].map((n) => ({
      machine: machine(n),
      value: outdated('v1.29.0', 'v1.31.0'),
    }));
    const others = ['x', 'y', 'z'].map((n, i) => ({
      machine: machine(n),
      value: outdated(`v1.2${i}.0`, 'v1.31.0'),
    }));
    const message = machinesUpToDate([...many, ...others]).message.split('\n');
    expect(message[0]).toBe('* Machines m1, m2, m3, ... (1 more):');
    expect(message.filter((line) => line.startsWith('* '))).toHaveLength(3);
    expect(message.at(-1)).toBe('And 1 Machine with other issues');
  });
});
