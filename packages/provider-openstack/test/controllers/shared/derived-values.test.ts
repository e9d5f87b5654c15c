import { describe, expect, it } from 'vitest';
import type { OpenStackCluster } from '../../../src/api/v1beta1/openstack-cluster.js';
import { canonicalAllowedCIDRs } from '../../../src/controllers/shared/allowed-cidrs.js';
import { failureDomainsFromZones } from '../../../src/controllers/shared/failure-domains.js';
import { instanceTags } from '../../../src/controllers/shared/instance-tags.js';
import { isIPv4Cidr } from '../../../src/controllers/shared/ipv4-cidr.js';
import { machineAddresses } from '../../../src/controllers/shared/machine-addresses.js';

describe('failure domains', () => {
  const zones = [
    { name: 'az1', available: true },
    { name: 'az2', available: true },
    { name: 'internal', available: false },
  ];

  it.each([
    [
      'every available zone takes control planes by default',
      {},
      { az1: { controlPlane: true }, az2: { controlPlane: true } },
    ],
    [
      'controlPlaneOmitAvailabilityZone keeps control planes out of every zone',
      { controlPlaneOmitAvailabilityZone: true },
      { az1: { controlPlane: false }, az2: { controlPlane: false } },
    ],
    [
      'controlPlaneAvailabilityZones picks the zones',
      { controlPlaneAvailabilityZones: ['az2', 'elsewhere'] },
      { az1: { controlPlane: false }, az2: { controlPlane: true } },
    ],
    [
      'controlPlaneAvailabilityZones wins over controlPlaneOmitAvailabilityZone',
      { controlPlaneAvailabilityZones: ['az1'], controlPlaneOmitAvailabilityZone: true },
      { az1: { controlPlane: true }, az2: { controlPlane: false } },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(failureDomainsFromZones(zones, spec)).toEqual(expected);
  });
});

describe('machine addresses', () => {
  it('orders networks by name, IPv4 first, floating as ExternalIP, then the server name', () => {
    const addresses = machineAddresses(
      {
        'zz-storage': [{ addr: '172.16.0.4', version: 4, type: 'fixed' }],
        'k8s-clusterapi-cluster-default-c': [
          { addr: 'fd00::4', version: 6, type: 'fixed' },
          { addr: '10.6.0.4', version: 4, type: 'fixed' },
          { addr: '203.0.113.7', version: 4, type: 'floating' },
        ],
      },
      'c-control-plane-abcde',
    );
    expect(addresses).toEqual([
      { type: 'InternalIP', address: '10.6.0.4' },
      { type: 'ExternalIP', address: '203.0.113.7' },
      { type: 'InternalIP', address: 'fd00::4' },
      { type: 'InternalIP', address: '172.16.0.4' },
      { type: 'InternalDNS', address: 'c-control-plane-abcde' },
    ]);
  });

  it('is only the server name without addresses', () => {
    expect(machineAddresses({}, 's')).toEqual([{ type: 'InternalDNS', address: 's' }]);
  });
});

describe('instance tags', () => {
  it('puts machine tags first and keeps each tag once', () => {
    expect(instanceTags(['b', 'a', 'b'], ['a', 'c'])).toEqual(['b', 'a', 'c']);
    expect(instanceTags(undefined, undefined)).toEqual([]);
  });
});

describe('IPv4 CIDRs', () => {
  it.each([
    ['10.0.0.0/24', true],
    ['0.0.0.0/0', true],
    ['10.0.0.1/32', true],
    ['10.0.0.0/33', false],
    ['10.0.0.0', false],
    ['fd00::/64', false],
    ['10.0.0.0/24/1', false],
    ['bogus/8', false],
  ])('%s → %s', (value, expected) => {
    expect(isIPv4Cidr(value)).toBe(expected);
  });
});

describe('allowed CIDRs', () => {
  const cluster = (allowedCIDRs: string[] | undefined) =>
    ({
      spec: {
        identityRef: { type: 'Secret', name: 'c', cloudName: 'c' },
        apiServerLoadBalancer: { enabled: true, ...(allowedCIDRs ? { allowedCIDRs } : {}) },
      },
      status: {
        ready: true,
        bastion: { floatingIP: '203.0.113.9', ip: '10.6.0.9' },
        network: { id: 'n', name: 'n', subnets: [{ id: 's', name: 's', cidr: '10.6.0.0/24' }] },
        router: { id: 'r', name: 'r', ips: ['203.0.113.1'] },
      },
    }) as Pick<OpenStackCluster, 'spec' | 'status'>;

  it('adds the cluster’s own sources, turns addresses into /32, sorts and removes duplicates', () => {
    expect(
      canonicalAllowedCIDRs(cluster(['192.0.2.0/24', '10.6.0.0/24', '198.51.100.5', 'not-a-cidr', 'fd00::/64'])),
    ).toEqual({
      allowedCIDRs: [
        '10.6.0.0/24',
        '10.6.0.9/32',
        '192.0.2.0/24',
        '198.51.100.5/32',
        '203.0.113.1/32',
        '203.0.113.9/32',
      ],
      invalid: ['not-a-cidr', 'fd00::/64'],
    });
  });

  it('restricts nothing when the user lists no CIDR', () => {
    expect(canonicalAllowedCIDRs(cluster(undefined))).toEqual({ allowedCIDRs: [], invalid: [] });
    expect(canonicalAllowedCIDRs(cluster([]))).toEqual({ allowedCIDRs: [], invalid: [] });
  });
});
