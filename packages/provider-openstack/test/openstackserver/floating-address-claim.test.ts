import { describe, expect, it } from 'vitest';
import type { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { floatingAddressClaimFor } from '../../src/controllers/openstackserver/floating-address-claim.js';

function server(
  floatingIPPoolRef: OpenStackServer['spec']['floatingIPPoolRef'],
  labels?: Record<string, string>,
): OpenStackServer {
  return {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
    kind: 'OpenStackServer',
    metadata: { namespace: 'ns', name: 'm-0', uid: 'uid-1', ...(labels ? { labels } : {}) },
    spec: { flavor: 'm1.small', identityRef: { name: 'cloud', cloudName: 'openstack' }, floatingIPPoolRef },
  } as OpenStackServer;
}

describe('the IPAddressClaim of a server with floatingIPPoolRef', () => {
  it('is named after the server, owned by it, finalized, labelled with its Cluster and names the pool', () => {
    const ref = { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'OpenStackFloatingIPPool', name: 'pool' };
    expect(floatingAddressClaimFor(server(ref, { 'cluster.x-k8s.io/cluster-name': 'c1' }))).toEqual({
      apiVersion: 'ipam.cluster.x-k8s.io/v1beta2',
      kind: 'IPAddressClaim',
      metadata: {
        namespace: 'ns',
        name: 'm-0-floating-ip-address',
        labels: { 'cluster.x-k8s.io/cluster-name': 'c1' },
        ownerReferences: [
          {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
            kind: 'OpenStackServer',
            name: 'm-0',
            uid: 'uid-1',
          },
        ],
        finalizers: ['openstackmachine.infrastructure.cluster.x-k8s.io/ip-claim'],
      },
      spec: { poolRef: ref, clusterName: 'c1' },
    });
  });

  it('takes a pool reference without apiGroup for the infrastructure group (v1beta2 claims require one)', () => {
    const claim = floatingAddressClaimFor(server({ kind: 'OpenStackFloatingIPPool', name: 'pool' }));
    expect(claim.spec).toEqual({
      poolRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'OpenStackFloatingIPPool', name: 'pool' },
    });
    expect(claim.metadata.labels).toBeUndefined();
  });

  it('refuses a server without floatingIPPoolRef', () => {
    expect(() => floatingAddressClaimFor(server(undefined))).toThrow('m-0 has no floatingIPPoolRef');
  });
});
