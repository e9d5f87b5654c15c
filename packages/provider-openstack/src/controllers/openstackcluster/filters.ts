import type { NetworkParam, RouterParam, SubnetParam } from '../../api/v1beta1/filters.js';
import { FilterMatchError } from '../../openstack/errors.js';
import * as neutron from '../../openstack/neutron/index.js';
import type { OpenStackSession } from '../../openstack/session.js';

type NamedFilter = NonNullable<NetworkParam['filter']>;

function tagFilter(filter: NamedFilter): neutron.TagFilter {
  return { tags: filter.tags, tagsAny: filter.tagsAny, notTags: filter.notTags, notTagsAny: filter.notTagsAny };
}

function exactlyOne<T>(items: readonly T[], resource: string): T {
  const [first] = items;
  if (items.length !== 1 || first === undefined) {
    throw new FilterMatchError(items.length === 0 ? 'no-matches' : 'multiple-matches', resource, items.length);
  }
  return first;
}

/** The network of a `NetworkParam`: by id, or the only one matching the filter. */
export async function resolveNetwork(session: OpenStackSession, param: NetworkParam): Promise<neutron.Network> {
  if (param.id) return neutron.getNetwork(session, param.id);
  const filter = param.filter ?? {};
  const networks = await neutron.listNetworks(session, {
    name: filter.name,
    description: filter.description,
    projectId: filter.projectID,
    ...tagFilter(filter),
  });
  return exactlyOne(networks, 'network');
}

/** The subnet of a `SubnetParam`, constrained to `networkId` when given. */
export async function resolveSubnet(
  session: OpenStackSession,
  param: SubnetParam,
  networkId: string | undefined,
): Promise<neutron.Subnet> {
  if (param.id) {
    const subnet = await neutron.getSubnet(session, param.id);
    if (networkId && subnet.network_id !== networkId) {
      throw new FilterMatchError('no-matches', 'subnet', 0);
    }
    return subnet;
  }
  const filter = param.filter ?? {};
  const subnets = await neutron.listSubnets(session, {
    name: filter.name,
    description: filter.description,
    projectId: filter.projectID,
    ipVersion: filter.ipVersion,
    gatewayIp: filter.gatewayIP,
    cidr: filter.cidr,
    ipv6AddressMode: filter.ipv6AddressMode,
    ipv6RaMode: filter.ipv6RAMode,
    networkId,
    ...tagFilter(filter),
  });
  return exactlyOne(subnets, 'subnet');
}

/** The router of a `RouterParam`. */
export async function resolveRouter(session: OpenStackSession, param: RouterParam): Promise<neutron.Router> {
  if (param.id) return neutron.getRouter(session, param.id);
  const filter = param.filter ?? {};
  const routers = await neutron.listRouters(session, {
    name: filter.name,
    description: filter.description,
    projectId: filter.projectID,
    ...tagFilter(filter),
  });
  return exactlyOne(routers, 'router');
}
