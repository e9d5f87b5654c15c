import { describe, expect, it } from 'vitest';
import { IPAM_API_VERSION, type IPPoolReference, ipamTypes, isPoolReferenceTo } from '../../src/index.js';

describe('Cluster API IPAM types', () => {
  it('address the v1beta2 IPAM kinds as namespaced resources', () => {
    expect(IPAM_API_VERSION).toBe('ipam.cluster.x-k8s.io/v1beta2');
    expect(ipamTypes.ipAddressClaim).toMatchObject({
      group: 'ipam.cluster.x-k8s.io',
      version: 'v1beta2',
      kind: 'IPAddressClaim',
      plural: 'ipaddressclaims',
      namespaced: true,
    });
    expect(ipamTypes.ipAddress).toMatchObject({
      group: 'ipam.cluster.x-k8s.io',
      version: 'v1beta2',
      kind: 'IPAddress',
      plural: 'ipaddresses',
      namespaced: true,
    });
  });

  it('match a pool reference by group and kind, and by name when one is given', () => {
    const ref: IPPoolReference = {
      apiGroup: 'infrastructure.cluster.x-k8s.io',
      kind: 'OpenStackFloatingIPPool',
      name: 'a',
    };
    expect(isPoolReferenceTo(ref, 'infrastructure.cluster.x-k8s.io', 'OpenStackFloatingIPPool')).toBe(true);
    expect(isPoolReferenceTo(ref, 'infrastructure.cluster.x-k8s.io', 'OpenStackFloatingIPPool', 'a')).toBe(true);
    expect(isPoolReferenceTo(ref, 'infrastructure.cluster.x-k8s.io', 'OpenStackFloatingIPPool', 'b')).toBe(false);
    expect(isPoolReferenceTo(ref, 'ipam.cluster.x-k8s.io', 'OpenStackFloatingIPPool')).toBe(false);
    expect(isPoolReferenceTo(ref, 'infrastructure.cluster.x-k8s.io', 'InClusterIPPool')).toBe(false);
    expect(isPoolReferenceTo(undefined, 'infrastructure.cluster.x-k8s.io', 'OpenStackFloatingIPPool')).toBe(false);
  });
});
