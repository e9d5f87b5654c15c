import { describe, expect, it } from 'vitest';
import type { OpenStackCluster } from '../../../src/api/v1beta1/openstack-cluster.js';
import {
  desiredSecurityGroupRules,
  REMOTE_GROUP_SELF,
  ruleMatches,
  type SecurityGroupRule,
} from '../../../src/controllers/shared/security-group-rules.js';

const ids = { controlplane: 'cp-id', worker: 'w-id', bastion: 'b-id' };
const identityRef = { type: 'Secret' as const, name: 'c', cloudName: 'c' };

function cluster(spec: Partial<OpenStackCluster['spec']>, subnets: string[] = ['10.6.0.0/24']) {
  return {
    spec: { identityRef, managedSecurityGroups: { allowAllInClusterTraffic: false }, ...spec },
    status: {
      ready: false,
      network: { id: 'n', name: 'n', subnets: subnets.map((cidr, i) => ({ id: `s${i}`, name: `s${i}`, cidr })) },
    },
  } as Pick<OpenStackCluster, 'spec' | 'status'>;
}

/** `description direction etherType protocol min-max remote` per rule, for readable tables. */
const lines = (rules: SecurityGroupRule[] | undefined) =>
  (rules ?? []).map(
    (r) =>
      `${r.description}|${r.direction}|${r.etherType}|${r.protocol || 'any'}|${r.portRangeMin}-${r.portRangeMax}|${r.remoteGroupID || r.remoteIPPrefix || 'anywhere'}`,
  );

const EGRESS = ['Full open|egress|IPv4|any|0-0|anywhere', 'Full open|egress|IPv6|any|0-0|anywhere'];
const NODE_PORTS = [
  'Node Port Services|ingress|IPv4|tcp|30000-32767|10.6.0.0/24',
  'Node Port Services|ingress|IPv4|udp|30000-32767|10.6.0.0/24',
  'Node Port Services|ingress|IPv4|tcp|30000-32767|w-id',
  'Node Port Services|ingress|IPv4|udp|30000-32767|w-id',
  'Node Port Services|ingress|IPv4|tcp|30000-32767|cp-id',
  'Node Port Services|ingress|IPv4|udp|30000-32767|cp-id',
];

describe("CAPO's managed security group rules", () => {
  it('default mode, load balancer with additional ports, no bastion', () => {
    const rules = desiredSecurityGroupRules(
      cluster({ apiServerLoadBalancer: { enabled: true, additionalPorts: [8443, 9000] } }),
      ids,
    );
    expect(lines(rules.controlplane)).toEqual([
      ...EGRESS,
      'Kubernetes API|ingress|IPv4|tcp|6443-6443|anywhere',
      'Additional ports|ingress|IPv4|tcp|8443-8443|anywhere',
      'Additional ports|ingress|IPv4|tcp|9000-9000|anywhere',
      'Etcd|ingress|IPv4|tcp|2379-2380|self',
      'Kubelet API|ingress|IPv4|tcp|10250-10250|self',
      'Kubelet API|ingress|IPv4|tcp|10250-10250|w-id',
    ]);
    expect(lines(rules.worker)).toEqual([
      ...EGRESS,
      ...NODE_PORTS,
      'Kubelet API|ingress|IPv4|tcp|10250-10250|self',
      'Kubelet API|ingress|IPv4|tcp|10250-10250|cp-id',
    ]);
    expect(rules.bastion).toBeUndefined();
  });

  it('allowAllInClusterTraffic, bastion enabled, disabled load balancer ignores additional ports', () => {
    const rules = desiredSecurityGroupRules(
      cluster({
        managedSecurityGroups: { allowAllInClusterTraffic: true },
        apiServerLoadBalancer: { enabled: false, additionalPorts: [8443] },
        bastion: { enabled: true, spec: { flavor: 'f', image: { id: 'x' } } },
      }),
      ids,
    );
    expect(lines(rules.controlplane)).toEqual([
      ...EGRESS,
      'Kubernetes API|ingress|IPv4|tcp|6443-6443|anywhere',
      'In-cluster Ingress|ingress|IPv4|any|0-0|self',
      'In-cluster Ingress|ingress|IPv4|any|0-0|w-id',
      'SSH|ingress|IPv4|tcp|22-22|b-id',
    ]);
    expect(lines(rules.worker)).toEqual([
      ...EGRESS,
      ...NODE_PORTS,
      'In-cluster Ingress|ingress|IPv4|any|0-0|self',
      'In-cluster Ingress|ingress|IPv4|any|0-0|cp-id',
      'SSH|ingress|IPv4|tcp|22-22|b-id',
    ]);
    expect(lines(rules.bastion)).toEqual(['SSH|ingress|IPv4|tcp|22-22|anywhere', ...EGRESS]);
  });

  it('node ports are opened to IPv4 subnets only', () => {
    const rules = desiredSecurityGroupRules(cluster({}, ['fd00::/64', '192.168.0.0/16', 'bogus']), ids);
    const fromSubnets = (rules.worker ?? []).filter((r) => r.remoteIPPrefix !== '').map((r) => r.remoteIPPrefix);
    expect(fromSubnets).toEqual(['192.168.0.0/16', '192.168.0.0/16']);
  });

  it('appends control-plane, worker and then all-nodes extra rules, expanding remote managed groups', () => {
    const rule = { direction: 'ingress' as const, protocol: 'tcp', portRangeMin: 179, portRangeMax: 179 };
    const rules = desiredSecurityGroupRules(
      cluster({
        managedSecurityGroups: {
          allowAllInClusterTraffic: false,
          controlPlaneNodesSecurityGroupRules: [
            { ...rule, name: 'cp', description: 'cp only', remoteIPPrefix: '10.0.0.0/8' },
          ],
          workerNodesSecurityGroupRules: [{ ...rule, name: 'w', description: 'worker only' }],
          allNodesSecurityGroupRules: [
            { ...rule, name: 'bgp', description: 'BGP', remoteManagedGroups: ['controlplane', 'worker'] },
          ],
        },
      }),
      ids,
    );
    expect(lines(rules.controlplane).slice(-3)).toEqual([
      'cp only|ingress||tcp|179-179|10.0.0.0/8',
      'BGP|ingress||tcp|179-179|cp-id',
      'BGP|ingress||tcp|179-179|w-id',
    ]);
    expect(lines(rules.worker).slice(-3)).toEqual([
      'worker only|ingress||tcp|179-179|anywhere',
      'BGP|ingress||tcp|179-179|cp-id',
      'BGP|ingress||tcp|179-179|w-id',
    ]);
  });

  it('refuses rules naming the bastion group while the bastion is disabled, or a remote group twice', () => {
    const withRule = (extra: Record<string, unknown>) =>
      cluster({
        managedSecurityGroups: {
          allowAllInClusterTraffic: false,
          allNodesSecurityGroupRules: [{ name: 'r', direction: 'ingress', remoteManagedGroups: ['bastion'], ...extra }],
        },
      });
    expect(() => desiredSecurityGroupRules(withRule({}), ids)).toThrow(
      'remoteManagedGroups: bastion is not a valid remote managed security group',
    );
    const twice = withRule({ remoteManagedGroups: ['worker'], remoteGroupID: 'g' });
    expect(() => desiredSecurityGroupRules(twice, ids)).toThrow(
      'remoteGroupID must not be set when remoteManagedGroups is set',
    );
  });
});

describe('matching observed rules', () => {
  const desired: SecurityGroupRule = {
    description: 'Etcd',
    direction: 'ingress',
    etherType: 'IPv4',
    portRangeMin: 2379,
    portRangeMax: 2380,
    protocol: 'tcp',
    remoteGroupID: REMOTE_GROUP_SELF,
    remoteIPPrefix: '',
  };

  it('ignores the description and reads self as the group', () => {
    expect(ruleMatches(desired, { ...desired, description: 'other', remoteGroupID: 'cp-id' }, 'cp-id')).toBe(true);
    expect(ruleMatches(desired, { ...desired, remoteGroupID: 'w-id' }, 'cp-id')).toBe(false);
  });

  it.each([
    ['direction', { direction: 'egress' }],
    ['ether type', { etherType: 'IPv6' }],
    ['port range', { portRangeMax: 2381 }],
    ['protocol', { protocol: 'udp' }],
    ['remote prefix', { remoteIPPrefix: '0.0.0.0/0' }],
  ])('differs by %s', (_what, change) => {
    expect(ruleMatches(desired, { ...desired, remoteGroupID: 'cp-id', ...change }, 'cp-id')).toBe(false);
  });
});
