import { describe, expect, it } from 'vitest';
import type { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { openStackClusterValidator } from '../../src/webhooks/openstack-cluster-webhook.js';
import { errorLines } from './support.js';

const identityRef = { type: 'Secret', name: 'foobar', cloudName: 'foobar' } as const;

function cluster(spec: Record<string, unknown>, status?: Record<string, unknown>): OpenStackCluster {
  return {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'OpenStackCluster',
    metadata: { name: 'c', namespace: 'default' },
    spec: { identityRef, ...spec },
    ...(status ? { status: { ready: false, ...status } } : {}),
  } as OpenStackCluster;
}

const bastion = (image: string, flavor: string, enabled = true) => ({
  enabled,
  spec: { flavor, image: { filter: { name: image } } },
});
const rule = (...remoteManagedGroups: string[]) => [
  {
    name: 'foobar',
    description: 'foobar',
    direction: 'ingress',
    portRangeMin: 80,
    portRangeMax: 80,
    protocol: 'tcp',
    remoteManagedGroups,
  },
];
const managedSubnet = (cidr: string, dnsNameservers: string[], start = '192.168.1.10', end = '192.168.1.100') => ({
  cidr,
  dnsNameservers,
  allocationPools: [{ start, end }],
});
const lbStatus = (ip: string) => ({ apiServerLoadBalancer: { name: 'lb', id: 'lb-id', ip, internalIP: '10.0.0.5' } });
const networkStatus = (id: string, name: string, subnets: { id: string; name: string }[] = []) => ({
  network: { id, name, subnets: subnets.map((s) => ({ ...s, cidr: '10.0.0.0/24' })) },
});

// Ported from CAPO v0.14's TestOpenStackCluster_ValidateUpdate (pkg/webhooks/openstackcluster_webhook_test.go).
const updateCases: [name: string, before: OpenStackCluster, after: OpenStackCluster, wantErr: boolean][] = [
  [
    'Changing OpenStackCluster.Spec.IdentityRef.Name is allowed',
    cluster({}),
    cluster({ identityRef: { ...identityRef, name: 'foobarbaz' } }),
    false,
  ],
  [
    'Changing OpenStackCluster.Spec.IdentityRef.CloudName is allowed',
    cluster({}),
    cluster({ identityRef: { ...identityRef, cloudName: 'foobarbaz' } }),
    false,
  ],
  [
    'Changing OpenStackCluster.Spec.Bastion is allowed',
    cluster({ bastion: bastion('foobar', 'minimal') }, { bastion: { name: 'foobar' } }),
    cluster({ bastion: bastion('foobarbaz', 'medium') }),
    false,
  ],
  [
    'Changing security group rules on the OpenStackCluster.Spec.ManagedSecurityGroups.AllNodesSecurityGroupRules is allowed',
    cluster({
      managedSecurityGroups: { allowAllInClusterTraffic: false, allNodesSecurityGroupRules: rule('controlplane') },
    }),
    cluster({
      managedSecurityGroups: {
        allowAllInClusterTraffic: false,
        allNodesSecurityGroupRules: rule('controlplane', 'worker'),
      },
    }),
    false,
  ],
  [
    'Changing security group rules on the OpenStackCluster.Spec.ManagedSecurityGroups.ControlPlaneNodesSecurityGroupRules is allowed',
    cluster({
      managedSecurityGroups: {
        allowAllInClusterTraffic: false,
        controlPlaneNodesSecurityGroupRules: rule('controlplane'),
      },
    }),
    cluster({
      managedSecurityGroups: {
        allowAllInClusterTraffic: false,
        controlPlaneNodesSecurityGroupRules: rule('controlplane', 'worker'),
      },
    }),
    false,
  ],
  [
    'Changing security group rules on the OpenStackCluster.Spec.ManagedSecurityGroups.WorkerNodesSecurityGroupRules is allowed',
    cluster({
      managedSecurityGroups: { allowAllInClusterTraffic: false, workerNodesSecurityGroupRules: rule('worker') },
    }),
    cluster({
      managedSecurityGroups: {
        allowAllInClusterTraffic: true,
        workerNodesSecurityGroupRules: rule('worker', 'controlplane'),
      },
    }),
    false,
  ],
  [
    'Adding OpenStackCluster.Spec.ManagedSecurityGroups is allowed',
    cluster({}),
    cluster({ managedSecurityGroups: { allowAllInClusterTraffic: false } }),
    false,
  ],
  [
    'Removing OpenStackCluster.Spec.ManagedSecurityGroups is not allowed',
    cluster({ managedSecurityGroups: { allowAllInClusterTraffic: false } }),
    cluster({}),
    true,
  ],
  [
    'Changing CIDRs on the OpenStackCluster.Spec.APIServerLoadBalancer.AllowedCIDRs is allowed',
    cluster({ apiServerLoadBalancer: { enabled: true, allowedCIDRs: ['0.0.0.0/0', '192.168.10.0/24'] } }),
    cluster({
      apiServerLoadBalancer: { enabled: true, allowedCIDRs: ['0.0.0.0/0', '192.168.10.0/24', '10.6.0.0/16'] },
    }),
    false,
  ],
  [
    'Changing OpenStackCluster.Spec.APIServerLoadBalancer.Monitor is allowed',
    cluster({ apiServerLoadBalancer: { enabled: true } }),
    cluster({ apiServerLoadBalancer: { enabled: true, monitor: { delay: 15, maxRetriesDown: 2 } } }),
    false,
  ],
  [
    'Changing OpenStackCluster.Spec.APIServerLoadBalancer.Provider is not allowed',
    cluster({ apiServerLoadBalancer: { enabled: true } }),
    cluster({ apiServerLoadBalancer: { enabled: true, provider: 'ovn' } }),
    true,
  ],
  [
    'Adding OpenStackCluster.Spec.ControlPlaneAvailabilityZones is allowed',
    cluster({}),
    cluster({ controlPlaneAvailabilityZones: ['alice', 'bob'] }),
    false,
  ],
  [
    'Modifying OpenStackCluster.Spec.ControlPlaneAvailabilityZones is allowed',
    cluster({ controlPlaneAvailabilityZones: ['alice', 'bob'] }),
    cluster({ controlPlaneAvailabilityZones: ['alice', 'bob', 'eve'] }),
    false,
  ],
  [
    'Removing OpenStackCluster.Spec.ControlPlaneAvailabilityZones is allowed',
    cluster({ controlPlaneAvailabilityZones: ['alice', 'bob'] }),
    cluster({}),
    false,
  ],
  [
    'Modifying OpenstackCluster.Spec.ControlPlaneOmitAvailabilityZone is allowed',
    cluster({}),
    cluster({ controlPlaneOmitAvailabilityZone: true }),
    false,
  ],
  [
    'Changing OpenStackCluster.Spec.APIServerFixedIP is allowed when API Server Floating IP is disabled',
    cluster({ disableAPIServerFloatingIP: true }),
    cluster({ disableAPIServerFloatingIP: true, apiServerFixedIP: '20.1.56.1' }),
    false,
  ],
  [
    'Changing OpenStackCluster.Spec.APIServerFixedIP is not allowed',
    cluster({ disableAPIServerFloatingIP: false }),
    cluster({ disableAPIServerFloatingIP: false, apiServerFixedIP: '20.1.56.1' }),
    true,
  ],
  [
    'Changing OpenStackCluster.Spec.APIServerFixedIP a second time is not allowed',
    cluster({ disableAPIServerFloatingIP: true, apiServerFixedIP: '20.1.56.1' }),
    cluster({ disableAPIServerFloatingIP: true, apiServerFixedIP: '20.1.56.2' }),
    true,
  ],
  [
    'Changing OpenStackCluster.Spec.APIServerPort is allowed when API Server Floating IP is disabled',
    cluster({ disableAPIServerFloatingIP: true }),
    cluster({ disableAPIServerFloatingIP: true, apiServerPort: 8443 }),
    false,
  ],
  [
    'Changing OpenStackCluster.Spec.APIServerPort is not allowed',
    cluster({ disableAPIServerFloatingIP: false }),
    cluster({ disableAPIServerFloatingIP: false, apiServerPort: 8443 }),
    true,
  ],
  [
    'Changing OpenStackCluster.Spec.APIServerFloatingIP is allowed when it matches the current api server loadbalancer IP',
    cluster({}, lbStatus('1.2.3.4')),
    cluster({ apiServerFloatingIP: '1.2.3.4' }, lbStatus('1.2.3.4')),
    false,
  ],
  [
    "Changing OpenStackCluster.Spec.APIServerFloatingIP is not allowed when it doesn't matches the current api server loadbalancer IP",
    cluster({}, lbStatus('1.2.3.4')),
    cluster({ apiServerFloatingIP: '5.6.7.8' }, lbStatus('1.2.3.4')),
    true,
  ],
  [
    'Removing OpenStackCluster.Spec.Bastion when it is enabled is not allowed',
    cluster({ bastion: bastion('ubuntu', 'm1.small') }),
    cluster({}),
    true,
  ],
  [
    'Removing OpenStackCluster.Spec.Bastion when it is disabled is allowed',
    cluster({ bastion: bastion('ubuntu', 'm1.small', false) }),
    cluster({}),
    false,
  ],
  [
    'Switching OpenStackCluster.Spec.Network from filter.name to id is allowed when they refer to the same network',
    cluster({ network: { filter: { name: 'testnetworkname' } } }, networkStatus('testnetworkid', 'testnetworkname')),
    cluster({ network: { id: 'testnetworkid' } }, networkStatus('testnetworkid', 'testnetworkname')),
    false,
  ],
  [
    'Switching OpenStackCluster.Spec.Network from filter.name to id is not allowed when they refer to different networks',
    cluster({ network: { filter: { name: 'testetworkname' } } }, networkStatus('testetworkid1', 'testnetworkname')),
    cluster({ network: { id: 'testetworkid2' } }, networkStatus('testetworkid1', 'testnetworkname')),
    true,
  ],
  [
    'Switching OpenStackCluster.Spec.Subnets from filter.name to id is allowed when they refer to the same subnet',
    cluster(
      { network: { id: 'net-123' }, subnets: [{ filter: { name: 'test-subnet' } }] },
      networkStatus('net-123', 'testnetwork', [{ id: 'subnet-123', name: 'test-subnet' }]),
    ),
    cluster({ network: { id: 'net-123' }, subnets: [{ id: 'subnet-123' }] }),
    false,
  ],
  [
    'Switching OpenStackCluster.Spec.Subnets from filter.name to id is not allowed when they refer to different subnets',
    cluster(
      { network: { id: 'net-123' }, subnets: [{ filter: { name: 'test-subnet' } }] },
      networkStatus('net-123', 'testnetwork', [{ id: 'subnet-123', name: 'test-subnet' }]),
    ),
    cluster({ network: { id: 'net-123' }, subnets: [{ id: 'wrong-subnet' }] }),
    true,
  ],
  [
    'Switching one OpenStackCluster.Spec.Subnets entry from filter to a mismatched ID (from another subnet) should be rejected, even if other subnets remain unchanged',
    cluster(
      {
        network: { id: 'net-123' },
        subnets: [{ filter: { name: 'test-subnet-1' } }, { filter: { name: 'test-subnet-2' } }],
      },
      networkStatus('net-123', 'testnetwork', [
        { id: 'test-subnet-id-1', name: 'test-subnet-1' },
        { id: 'test-subnet-id-2', name: 'test-subnet-2' },
      ]),
    ),
    cluster({
      network: { id: 'net-123' },
      subnets: [{ id: 'test-subnet-id-2' }, { filter: { name: 'test-subnet-2' } }],
    }),
    true,
  ],
  [
    'Changing OpenStackCluster.Spec.ManagedSubnets.DNSNameservers is allowed',
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8', '8.8.4.4'])] }),
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['1.1.1.1', '1.0.0.1'])] }),
    false,
  ],
  [
    'Adding new DNSNameserver to OpenStackCluster.Spec.ManagedSubnets.DNSNameservers is allowed',
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8'])] }),
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8', '8.8.4.4'])] }),
    false,
  ],
  [
    'Removing DNSNameservers from OpenStackCluster.Spec.ManagedSubnets is allowed',
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8', '8.8.4.4'])] }),
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', [])] }),
    false,
  ],
  [
    'Multiple subnets with DNSNameservers changes are allowed',
    cluster({
      managedSubnets: [
        managedSubnet('192.168.1.0/24', ['8.8.8.8']),
        managedSubnet('192.168.2.0/24', ['8.8.4.4'], '192.168.2.10', '192.168.2.100'),
      ],
    }),
    cluster({
      managedSubnets: [
        managedSubnet('192.168.1.0/24', ['1.1.1.1']),
        managedSubnet('192.168.2.0/24', ['1.0.0.1'], '192.168.2.10', '192.168.2.100'),
      ],
    }),
    false,
  ],
  [
    'Changing CIDR in OpenStackCluster.Spec.ManagedSubnets is not allowed',
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8'])] }),
    cluster({ managedSubnets: [managedSubnet('10.0.0.0/24', ['8.8.8.8'], '10.0.0.10', '10.0.0.100')] }),
    true,
  ],
  [
    'Modifying AllocationPools in OpenStackCluster.Spec.ManagedSubnets is not allowed',
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8'])] }),
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8'], '192.168.1.20', '192.168.1.200')] }),
    true,
  ],
  [
    'Adding a subnet to OpenStackCluster.Spec.ManagedSubnets is not allowed',
    cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8'])] }),
    cluster({
      managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8']), managedSubnet('192.168.2.0/24', [])],
    }),
    true,
  ],
  [
    'Setting OpenStackCluster.Spec.ControlPlaneEndpoint for the first time is allowed',
    cluster({}),
    cluster({ controlPlaneEndpoint: { host: 'foo', port: 1234 } }),
    false,
  ],
  [
    'Changing OpenStackCluster.Spec.ControlPlaneEndpoint without a host is allowed',
    cluster({ controlPlaneEndpoint: { host: '', port: 0 } }),
    cluster({ controlPlaneEndpoint: { host: 'foo', port: 1234 } }),
    false,
  ],
  [
    'Changing OpenStackCluster.Spec.ControlPlaneEndpoint once set is not allowed',
    cluster({ controlPlaneEndpoint: { host: 'foo', port: 1234 } }),
    cluster({ controlPlaneEndpoint: { host: 'bar', port: 1234 } }),
    true,
  ],
  ['Changing OpenStackCluster.Spec.Tags is not allowed', cluster({ tags: ['a'] }), cluster({ tags: ['a', 'b'] }), true],
];

describe('OpenStackCluster update', () => {
  it.each(updateCases)('%s', (_name, before, after, wantErr) => {
    const errors = errorLines(openStackClusterValidator.validateUpdate(before, after));
    expect(errors.length > 0).toBe(wantErr);
  });

  it('names what is wrong', () => {
    const before = cluster({
      bastion: bastion('ubuntu', 'm1.small'),
      managedSubnets: [managedSubnet('10.0.0.0/24', [])],
    });
    const after = cluster({ managedSubnets: [managedSubnet('10.1.0.0/24', [])] });
    expect(errorLines(openStackClusterValidator.validateUpdate(before, after))).toEqual([
      'spec.bastion: cannot be removed before disabling it',
      'spec.managedSubnets: cannot change subnet CIDR from existing value to 10.1.0.0/24',
      'spec: cannot be modified',
    ]);
  });

  it('does not change the objects it compares', () => {
    const before = cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['8.8.8.8'])] });
    const after = cluster({ managedSubnets: [managedSubnet('192.168.1.0/24', ['1.1.1.1'])] });
    const copies = structuredClone([before, after]);
    openStackClusterValidator.validateUpdate(before, after);
    expect([before, after]).toEqual(copies);
  });
});

describe('OpenStackCluster create', () => {
  const withRule = (fields: Record<string, unknown>) =>
    cluster({
      managedSecurityGroups: {
        allowAllInClusterTraffic: false,
        allNodesSecurityGroupRules: [{ name: 'r', direction: 'ingress', ...fields }],
      },
    });
  const path = 'spec.managedSecurityGroups.allNodesSecurityGroupRules';

  it.each([
    ['remoteManagedGroups only', { remoteManagedGroups: ['worker'] }, []],
    ['remoteGroupID only', { remoteGroupID: 'g' }, []],
    ['remoteIPPrefix only', { remoteIPPrefix: '0.0.0.0/0' }, []],
    [
      'remoteManagedGroups with remoteGroupID',
      { remoteManagedGroups: ['worker'], remoteGroupID: 'g' },
      [
        `${path}: remoteManagedGroups cannot be used with remoteGroupID or remoteIPPrefix`,
        `${path}: remoteGroupID cannot be used with remoteManagedGroups or remoteIPPrefix`,
      ],
    ],
    [
      'remoteGroupID with remoteIPPrefix',
      { remoteGroupID: 'g', remoteIPPrefix: '0.0.0.0/0' },
      [
        `${path}: remoteGroupID cannot be used with remoteManagedGroups or remoteIPPrefix`,
        `${path}: remoteIPPrefix cannot be used with remoteManagedGroups or remoteGroupID`,
      ],
    ],
  ])('an all-nodes rule with %s', (_name, fields, expected) => {
    expect(errorLines(openStackClusterValidator.validateCreate(withRule(fields)))).toEqual(expected);
  });
});
