import type { Machine } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { controlPlaneComponentsHealthy, machinesReady } from '../../src/controllers/microk8scontrolplane/health.js';
import type { WorkloadNode } from '../../src/controllers/microk8scontrolplane/nodes.js';

function machine(name: string, ready?: 'True' | 'False', node?: string): Machine {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { name },
    spec: {},
    status: {
      ...(node ? { nodeRef: { name: node } } : {}),
      ...(ready
        ? { conditions: [{ type: 'Ready', status: ready, reason: 'R', message: '', lastTransitionTime: '' }] }
        : {}),
    },
  } as unknown as Machine;
}

function node(name: string, ready: 'True' | 'False'): WorkloadNode {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  };
}

describe('MachinesReady', () => {
  it('is True with every Machine Ready, and with no Machines (NoReplicas)', () => {
    expect(machinesReady([machine('a', 'True'), machine('b', 'True')])).toMatchObject({
      status: 'True',
      reason: 'Ready',
    });
    expect(machinesReady([])).toMatchObject({ status: 'True', reason: 'NoReplicas' });
  });

  it('is False when one Machine is not Ready, naming it, and Unknown when one has not reported', () => {
    expect(machinesReady([machine('a', 'True'), machine('b', 'False'), machine('c')])).toEqual({
      status: 'False',
      reason: 'NotReady',
      message: '* Machine b: R\n* Machine c: Condition Ready not yet reported',
    });
    expect(machinesReady([machine('a', 'True'), machine('c')])).toMatchObject({
      status: 'Unknown',
      reason: 'ReadyUnknown',
      message: '* Machine c: Condition Ready not yet reported',
    });
  });
});

describe('ControlPlaneComponentsHealthy', () => {
  it('is Unknown while the workload cluster cannot be inspected or no Machine has a Node', () => {
    expect(controlPlaneComponentsHealthy([machine('a', 'True', 'a')], undefined)).toMatchObject({
      status: 'Unknown',
      reason: 'InspectionFailed',
    });
    expect(controlPlaneComponentsHealthy([machine('a')], [])).toMatchObject({
      status: 'Unknown',
      reason: 'HealthUnknown',
    });
  });

  it('is True when the Node of every Machine that has one is Ready; joining Machines are not judged', () => {
    expect(
      controlPlaneComponentsHealthy([machine('a', 'True', 'n-a'), machine('b')], [node('n-a', 'True')]),
    ).toMatchObject({
      status: 'True',
      reason: 'Healthy',
    });
  });

  it('is False for a Node that is not Ready or missing, saying which', () => {
    const result = controlPlaneComponentsHealthy(
      [machine('a', 'True', 'n-a'), machine('b', 'True', 'n-b')],
      [node('n-a', 'False')],
    );
    expect(result).toEqual({
      status: 'False',
      reason: 'NotHealthy',
      message: 'Node n-a of Machine a is not Ready; Node n-b of Machine b does not exist',
    });
  });
});
