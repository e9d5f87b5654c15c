import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStackClusterSpec } from '../../src/api/v1beta1/cluster-spec.js';
import { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { type ClusterHarness, createClusterWithOpenStackCluster, startClusterHarness } from './harness.js';

// Multi-AZ: the simulator's compute availability zones become the OpenStackCluster's status.failureDomains, each
// for control-plane machines as CAPO decides (all by default, none with controlPlaneOmitAvailabilityZone, the
// listed ones with controlPlaneAvailabilityZones).

let harness: ClusterHarness;
beforeAll(async () => {
  harness = await startClusterHarness({ availabilityZones: ['az-1', 'az-2', 'az-3'] });
}, 120_000);
afterAll(async () => {
  await harness?.stop();
});

async function failureDomainsOf(name: string, cidr: string, spec: Partial<OpenStackClusterSpec>) {
  await createClusterWithOpenStackCluster(harness.client, name, { managedSubnets: [{ cidr }], ...spec });
  return eventually(
    async () => {
      const osc = await harness.client.get(OpenStackCluster, { namespace: 'default', name });
      expect(osc.status?.ready, JSON.stringify(osc.status?.conditions)).toBe(true);
      return osc.status?.failureDomains;
    },
    { timeoutMs: 30_000 },
  );
}

describe('OpenStackCluster failure domains from availability zones', () => {
  it('reports every zone, for control-plane machines by default', async () => {
    expect(await failureDomainsOf('az-default', '10.20.0.0/24', {})).toEqual({
      'az-1': { controlPlane: true },
      'az-2': { controlPlane: true },
      'az-3': { controlPlane: true },
    });
  });

  it('restricts control-plane machines to controlPlaneAvailabilityZones', async () => {
    const domains = await failureDomainsOf('az-listed', '10.21.0.0/24', {
      controlPlaneAvailabilityZones: ['az-2', 'az-3'],
    });
    expect(domains).toEqual({
      'az-1': { controlPlane: false },
      'az-2': { controlPlane: true },
      'az-3': { controlPlane: true },
    });
  });

  it('marks no zone for control-plane machines with controlPlaneOmitAvailabilityZone', async () => {
    const domains = await failureDomainsOf('az-omit', '10.22.0.0/24', { controlPlaneOmitAvailabilityZone: true });
    expect(domains).toEqual({
      'az-1': { controlPlane: false },
      'az-2': { controlPlane: false },
      'az-3': { controlPlane: false },
    });
  });
});
