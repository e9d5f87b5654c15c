import type { OpenStackFloatingIPPool } from '../../api/v1alpha1/openstack-floating-ip-pool.js';
import * as neutron from '../../openstack/neutron/index.js';
import type { OpenStackSession } from '../../openstack/session.js';

/** The pool's `floatingIPNetwork` matches no external network, or more than one: fixing the spec fixes it. */
export class PoolNetworkError extends Error {
  override name = 'PoolNetworkError';
}

/**
 * The external network a pool allocates from (CAPO's `reconcileFloatingIPNetwork`): the one `spec.floatingIPNetwork`
 * names by id or filter, else the only external network; it must be external. Throws a {@link PoolNetworkError}
 * unless exactly one network matches.
 */
export async function resolveFloatingIPNetwork(
  session: OpenStackSession,
  pool: Readonly<OpenStackFloatingIPPool>,
): Promise<neutron.Network> {
  const param = pool.spec.floatingIPNetwork;
  const filter = param?.filter ?? {};
  const networks = await neutron.listNetworks(session, {
    external: true,
    id: param?.id,
    name: filter.name,
    description: filter.description,
    projectId: filter.projectID,
    tags: filter.tags,
    tagsAny: filter.tagsAny,
    notTags: filter.notTags,
    notTagsAny: filter.notTagsAny,
  });
  const [network] = networks;
  if (network === undefined || networks.length > 1) {
    const wanted = param === undefined ? 'no floatingIPNetwork given' : `floatingIPNetwork ${JSON.stringify(param)}`;
    throw new PoolNetworkError(`${wanted}: found ${networks.length} external networks, expected exactly one`);
  }
  return network;
}
