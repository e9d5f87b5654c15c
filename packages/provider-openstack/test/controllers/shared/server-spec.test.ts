import { isTerminalError } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { OpenStackServer } from '../../../src/api/v1alpha1/openstack-server.js';
import type { OpenStackMachineSpec } from '../../../src/api/v1beta1/machine-spec.js';
import type { OpenStackCluster } from '../../../src/api/v1beta1/openstack-cluster.js';
import { InvalidMachineSpecError, openStackServerSpecFor } from '../../../src/controllers/shared/server-spec.js';

const identityRef = { type: 'Secret' as const, name: 'creds', cloudName: 'openstack' };
const SUBNET = 'a1b2c3d4-0000-4000-8000-000000000001';
const NETWORK = 'a1b2c3d4-0000-4000-8000-0000000000aa';
const WORKER_SG = 'a1b2c3d4-0000-4000-8000-0000000000bb';

function cluster(spec: Partial<OpenStackCluster['spec']> = {}, networkId = NETWORK) {
  return {
    spec: { identityRef, ...spec },
    status: { ready: true, ...(networkId ? { network: { id: networkId, name: 'cluster-net' } } : {}) },
  } as Pick<OpenStackCluster, 'spec' | 'status'>;
}
const machineSpec = (spec: Partial<OpenStackMachineSpec> = {}): OpenStackMachineSpec => ({
  flavor: 'm1.small',
  image: { filter: { name: 'ubuntu' } },
  sshKeyName: 'key',
  ...spec,
});

describe('the OpenStackServer spec of a machine', () => {
  it('copies the server fields and adds identity, tags, zone, user data and one port on the cluster network', () => {
    const spec = openStackServerSpecFor({
      machineSpec: machineSpec({
        providerID: 'openstack:///x',
        rootVolume: { sizeGiB: 20 },
        serverMetadata: [{ key: 'k', value: 'v' }],
        configDrive: true,
        trunk: true,
      }),
      identityRef,
      tags: ['machine', 'cluster'],
      availabilityZone: 'az1',
      userDataSecretName: 'm-bootstrap',
      defaultSecurityGroupId: WORKER_SG,
      cluster: cluster({ subnets: [{ id: SUBNET }] }),
    });
    expect(spec).toEqual({
      flavor: 'm1.small',
      image: { filter: { name: 'ubuntu' } },
      sshKeyName: 'key',
      rootVolume: { sizeGiB: 20 },
      serverMetadata: [{ key: 'k', value: 'v' }],
      configDrive: true,
      identityRef,
      tags: ['machine', 'cluster'],
      availabilityZone: 'az1',
      userDataRef: { name: 'm-bootstrap' },
      trunk: true,
      ports: [
        { network: { id: NETWORK }, fixedIPs: [{ subnet: { id: SUBNET } }], securityGroups: [{ id: WORKER_SG }] },
      ],
    });
    const parsed = OpenStackServer.safeParse({ metadata: { name: 'm' }, spec });
    expect(parsed.success ? [] : parsed.error.message).toEqual([]);
  });

  it('keeps ports with their own network, fixed IPs or security groups, and adds the machine groups to every port', () => {
    const spec = openStackServerSpecFor({
      machineSpec: machineSpec({
        securityGroups: [{ filter: { name: 'extra' } }],
        ports: [
          { network: { filter: { name: 'storage' } } },
          { fixedIPs: [{ ipAddress: '10.6.0.10' }] },
          { securityGroups: [{ id: 'own' }] },
          { disablePortSecurity: true },
        ],
      }),
      identityRef,
      tags: [],
      defaultSecurityGroupId: 'cp-sg',
      cluster: cluster({ subnets: [{ id: SUBNET }] }),
    });
    expect(spec.ports).toEqual([
      { network: { filter: { name: 'storage' } }, securityGroups: [{ id: 'cp-sg' }, { filter: { name: 'extra' } }] },
      {
        network: { id: NETWORK },
        fixedIPs: [{ ipAddress: '10.6.0.10' }],
        securityGroups: [{ id: 'cp-sg' }, { filter: { name: 'extra' } }],
      },
      {
        network: { id: NETWORK },
        fixedIPs: [{ subnet: { id: SUBNET } }],
        securityGroups: [{ id: 'own' }, { filter: { name: 'extra' } }],
      },
      {
        network: { id: NETWORK },
        fixedIPs: [{ subnet: { id: SUBNET } }],
        disablePortSecurity: true,
        securityGroups: [{ filter: { name: 'extra' } }],
      },
    ]);
    expect(spec.tags).toBeUndefined();
    expect(spec.userDataRef).toBeUndefined();
  });

  it('does not change the machine spec it reads', () => {
    const source = machineSpec({ ports: [{}], securityGroups: [{ id: 'x' }] });
    const copy = structuredClone(source);
    openStackServerSpecFor({
      machineSpec: source,
      identityRef,
      tags: [],
      cluster: cluster(),
      defaultSecurityGroupId: 'sg',
    });
    expect(source).toEqual(copy);
  });

  it('is a terminal InvalidMachineSpec error without a cluster network and without ports', () => {
    const attempt = () =>
      openStackServerSpecFor({ machineSpec: machineSpec(), identityRef, tags: [], cluster: cluster({}, '') });
    expect(attempt).toThrow(InvalidMachineSpecError);
    expect(attempt).toThrow('no network configured');
    try {
      attempt();
    } catch (error) {
      expect(isTerminalError(error)).toBe(true);
      expect((error as InvalidMachineSpecError).reason).toBe('InvalidMachineSpec');
    }
  });

  it('keeps ports as given when the cluster has no network but the machine lists ports', () => {
    const ports = [{ network: { id: 'net-x' } }];
    const spec = openStackServerSpecFor({
      machineSpec: machineSpec({ ports }),
      identityRef,
      tags: [],
      cluster: cluster({}, ''),
    });
    expect(spec.ports).toEqual(ports);
  });
});
