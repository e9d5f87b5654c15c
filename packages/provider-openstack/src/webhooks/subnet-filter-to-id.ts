import type { OpenStackCluster } from '../api/v1beta1/openstack-cluster.js';

/**
 * Whether an update only pins `spec.subnets` to the subnets the controller resolved: each subnet given by filter
 * before is now given by the id recorded in `status.network.subnets` for a subnet of the filter's name, and no
 * subnet changes otherwise (CAPO's `allowSubnetFilterToIDTransition`). Needs `spec.network` on both sides and
 * resolved subnets in status.
 */
export function onlyPinsSubnetsToResolvedIDs(oldCluster: OpenStackCluster, newCluster: OpenStackCluster): boolean {
  const resolved = oldCluster.status?.network?.subnets ?? [];
  if (!newCluster.spec.network || !oldCluster.spec.network || !oldCluster.status?.network) return false;
  const oldSubnets = oldCluster.spec.subnets ?? [];
  const newSubnets = newCluster.spec.subnets ?? [];
  if (newSubnets.length !== oldSubnets.length || resolved.length === 0) return false;
  return newSubnets.every((newSubnet, i) => {
    const oldSubnet = oldSubnets[i];
    if (!oldSubnet) return false;
    if (oldSubnet.filter && newSubnet.id !== undefined && !newSubnet.filter) {
      const name = oldSubnet.filter.name ?? '';
      if (!resolved.some((s) => s.name === name && s.id === newSubnet.id)) return false;
    }
    if (oldSubnet.id !== undefined && newSubnet.filter) return false;
    if (oldSubnet.filter && newSubnet.filter && (oldSubnet.filter.name ?? '') !== (newSubnet.filter.name ?? '')) {
      return false;
    }
    if (oldSubnet.id !== undefined && newSubnet.id !== undefined && oldSubnet.id !== newSubnet.id) return false;
    return true;
  });
}
