import { describe, expect, it } from 'vitest';
import type { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import type { OpenStackMachine } from '../../src/api/v1beta1/openstack-machine.js';
import {
  machineCondition,
  setMachineCondition,
  setReadySummary,
} from '../../src/controllers/openstackmachine/conditions.js';
import { instanceAddressOn } from '../../src/controllers/openstackmachine/ingress.js';
import { serverGaveUp } from '../../src/controllers/openstackmachine/server-state.js';
import { serverStateChanged, serverToMachine } from '../../src/controllers/openstackmachine/watches.js';
import type { nova } from '../../src/openstack/index.js';

function machine(): OpenStackMachine {
  return { metadata: { name: 'm', namespace: 'ns' }, spec: { image: { id: 'i' }, flavor: 'f' } } as OpenStackMachine;
}

describe('Ready summary of an OpenStackMachine', () => {
  it('is True only when every summarised condition is True', () => {
    const m = machine();
    setMachineCondition(m, 'InstanceReady', 'True');
    setReadySummary(m, false);
    expect(machineCondition(m, 'Ready')?.status).toBe('True');
    setMachineCondition(m, 'APIServerIngressReadyCondition', 'False', 'WaitingForLoadBalancer', 'adding', 'Info');
    setReadySummary(m, false);
    expect(machineCondition(m, 'Ready')?.status).toBe('True');
    setReadySummary(m, true);
    expect(machineCondition(m, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'WaitingForLoadBalancer',
      message: 'adding',
      severity: 'Info',
    });
  });

  it('takes the worst condition: False by severity before Unknown', () => {
    const m = machine();
    setMachineCondition(m, 'InstanceReady', 'Unknown', 'InstanceNotReady', 'SHUTOFF');
    setMachineCondition(m, 'APIServerIngressReadyCondition', 'False', 'LoadBalancerMemberError', 'boom', 'Error');
    setReadySummary(m, true);
    expect(machineCondition(m, 'Ready')).toMatchObject({ status: 'False', reason: 'LoadBalancerMemberError' });
    setMachineCondition(m, 'APIServerIngressReadyCondition', 'True');
    setReadySummary(m, true);
    expect(machineCondition(m, 'Ready')).toMatchObject({ status: 'Unknown', reason: 'InstanceNotReady' });
  });

  it('sets nothing while no summarised condition is set', () => {
    const m = machine();
    setReadySummary(m, true);
    expect(m.status).toBeUndefined();
  });
});

describe('OpenStackServer watch of the machine controller', () => {
  const server = (status: OpenStackServer['status'], owner = 'infrastructure.cluster.x-k8s.io/v1beta1') =>
    ({
      metadata: {
        name: 'm',
        namespace: 'ns',
        ownerReferences: [{ apiVersion: owner, kind: 'OpenStackMachine', name: 'm', uid: 'u' }],
      },
      status,
    }) as OpenStackServer;

  it('maps a server to the OpenStackMachine owning it, controller or not, and nothing else', () => {
    expect(serverToMachine(server({ ready: false }))).toEqual([{ namespace: 'ns', name: 'm' }]);
    expect(serverToMachine(server({ ready: false }, 'other.example.com/v1'))).toEqual([]);
  });

  it('passes state changes and leaves out the rest', () => {
    const before = server({ ready: false, instanceState: 'BUILD' });
    const same = {
      ...server({ ready: false, instanceState: 'BUILD' }),
      metadata: { ...before.metadata, labels: { a: 'b' } },
    };
    expect(serverStateChanged({ type: 'updated', initial: false, object: same, oldObject: before })).toBe(false);
    const active = server({ ready: true, instanceState: 'ACTIVE' });
    expect(serverStateChanged({ type: 'updated', initial: false, object: active, oldObject: before })).toBe(true);
    expect(serverStateChanged({ type: 'deleted', initial: false, object: active })).toBe(true);
  });
});

describe('machine address on the cluster network', () => {
  it('is the first fixed IPv4 address on that network', () => {
    const instance = {
      addresses: {
        other: [{ addr: '192.168.0.5', version: 4, 'OS-EXT-IPS:type': 'fixed' }],
        cluster: [
          { addr: 'fd00::5', version: 6, 'OS-EXT-IPS:type': 'fixed' },
          { addr: '172.24.4.9', version: 4, 'OS-EXT-IPS:type': 'floating' },
          { addr: '10.8.0.5', version: 4, 'OS-EXT-IPS:type': 'fixed' },
        ],
      },
    } as unknown as nova.Server;
    expect(instanceAddressOn(instance, 'cluster')).toBe('10.8.0.5');
    expect(instanceAddressOn(instance, 'missing')).toBeUndefined();
  });
});

describe('whether the OpenStackServer gave up on a server in ERROR', () => {
  const server = (annotations: Record<string, string>, instanceID: string) =>
    ({
      metadata: { name: 'm', annotations },
      status: { ready: false, instanceState: 'ERROR', instanceID },
    }) as OpenStackServer;
  const count = 'openstackserver.infrastructure.cluster.x-k8s.io/error-replacements';
  const replaced = 'openstackserver.infrastructure.cluster.x-k8s.io/error-replaced-instance';

  it('only once the replacements are used up and the server in ERROR is not the one just replaced', () => {
    expect(serverGaveUp(server({}, 'a'), 1)).toBe(false);
    expect(serverGaveUp(server({ [count]: '1', [replaced]: 'a' }, 'a'), 1)).toBe(false);
    expect(serverGaveUp(server({ [count]: '1', [replaced]: 'a' }, 'b'), 1)).toBe(true);
    expect(serverGaveUp(server({ [count]: '1', [replaced]: 'a' }, 'b'), undefined)).toBe(false);
  });
});
