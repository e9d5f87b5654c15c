import { isNotFound } from '../../openstack/errors.js';
import * as neutron from '../../openstack/neutron/index.js';
import { recordCall } from '../shared/events.js';
import { clusterResourceDescription, networkName } from '../shared/resource-names.js';
import { type ClusterContext, statusOf } from './context.js';
import { resolveNetwork, resolveRouter, resolveSubnet } from './filters.js';

/** A configuration or cloud state the controller cannot resolve by itself; the message says what to fix. */
export class ClusterSpecError extends Error {
  override name = 'ClusterSpecError';
}

/**
 * The external network (CAPO's `ReconcileExternalNetwork`): none when `disableExternalNetwork`; the one
 * `spec.externalNetwork` names (it must be external); else the only external network of the cloud, none when there
 * is none, an error when there are several.
 */
export async function reconcileExternalNetwork(context: ClusterContext): Promise<void> {
  const { spec } = context.object;
  const status = statusOf(context);
  if (spec.disableExternalNetwork) {
    delete status.externalNetwork;
    return;
  }
  let network: neutron.Network | undefined;
  if (spec.externalNetwork) {
    network = await resolveNetwork(context.session, spec.externalNetwork);
    if (network['router:external'] !== true) {
      throw new ClusterSpecError(`network ${network.id} named by spec.externalNetwork is not an external network`);
    }
  } else {
    const external = await neutron.listNetworks(context.session, { external: true });
    if (external.length > 1) {
      throw new ClusterSpecError(
        `found ${external.length} external networks, which is more than one: set spec.externalNetwork`,
      );
    }
    network = external[0];
  }
  if (!network) {
    context.logger.info('No external network found: the cluster gets no router and no floating IPs');
    delete status.externalNetwork;
    return;
  }
  status.externalNetwork = { id: network.id, name: network.name, tags: network.tags };
}

/** The user's own network and subnets (no `managedSubnets`), resolved into `status.network`. */
export async function reconcileExistingNetwork(context: ClusterContext): Promise<void> {
  const { session, object } = context;
  const { spec } = object;
  let network = spec.network ? await resolveNetwork(session, spec.network) : undefined;
  let subnets: neutron.Subnet[] = [];
  if (spec.subnets && spec.subnets.length > 0) {
    for (const param of spec.subnets) {
      const subnet = await resolveSubnet(session, param, network?.id ?? subnets[0]?.network_id);
      subnets.push(subnet);
    }
    const [first] = subnets;
    if (!network && first) network = await neutron.getNetwork(session, first.network_id);
  } else {
    if (!network) throw new ClusterSpecError('spec.network or spec.subnets is required without managedSubnets');
    subnets = await neutron.listSubnets(session, { networkId: network.id });
    if (subnets.length === 0) throw new ClusterSpecError(`network ${network.id} has no subnets`);
    if (subnets.length > 2) {
      throw new ClusterSpecError(`network ${network.id} has more than two subnets: set spec.subnets`);
    }
  }
  if (!network) throw new ClusterSpecError('the cluster network could not be determined');
  statusOf(context).network = {
    id: network.id,
    name: network.name,
    tags: network.tags,
    subnets: subnets.map((s) => ({ id: s.id, name: s.name, cidr: s.cidr, tags: s.tags })),
  };
  if (spec.router) {
    const router = await resolveRouter(session, spec.router);
    statusOf(context).router = routerStatus(router);
  }
}

/** Replaces the tags when `spec.tags` asks for some the resource lacks. */
async function ensureTags(
  context: ClusterContext,
  collection: neutron.TaggableCollection,
  id: string,
  current: readonly string[],
): Promise<string[]> {
  const wanted = context.object.spec.tags ?? [];
  if (wanted.length === 0 || wanted.every((tag) => current.includes(tag))) return [...current];
  return replaceAllTags(context, collection, id, wanted);
}

/** Replaces the tags of a Neutron resource, recording CAPO's `ReplaceAllAttributeTags` event. */
export function replaceAllTags(
  context: ClusterContext,
  collection: neutron.TaggableCollection,
  id: string,
  tags: readonly string[],
): Promise<string[]> {
  return recordCall(
    context.events,
    {
      action: 'ReplaceAllAttributeTags',
      attempt: `replace the tags of ${collection} ${id}`,
      done: () => `Replaced the tags of ${collection} ${id} with ${tags.join(', ')}`,
    },
    () => neutron.replaceAllTags(context.session, collection, id, [...tags]),
  );
}

/** The managed network and its subnet (`managedSubnets[0]`), found by name or created, into `status.network`. */
export async function reconcileManagedNetwork(context: ClusterContext): Promise<void> {
  const { session, object, ref } = context;
  const { spec } = object;
  const name = networkName(ref);
  const [subnetSpec] = spec.managedSubnets ?? [];
  if (!subnetSpec) throw new ClusterSpecError('managedSubnets is empty');

  const found = await neutron.listNetworks(session, { name });
  if (found.length > 1) throw new ClusterSpecError(`found ${found.length} networks named ${name}`);
  const network =
    found[0] ??
    (await recordCall(
      context.events,
      {
        action: 'CreateNetwork',
        attempt: `create network ${name}`,
        done: (n) => `Created network ${name} with id ${n.id}`,
      },
      () =>
        neutron.createNetwork(session, {
          name,
          admin_state_up: true,
          ...(spec.disablePortSecurity ? { port_security_enabled: false } : {}),
          ...(spec.networkMTU ? { mtu: spec.networkMTU } : {}),
        }),
    ));
  const networkTags = await ensureTags(context, 'networks', network.id, network.tags);

  const subnets = await neutron.listSubnets(session, { networkId: network.id, cidr: subnetSpec.cidr });
  if (subnets.length > 1) throw new ClusterSpecError(`found ${subnets.length} subnets with CIDR ${subnetSpec.cidr}`);
  let subnet = subnets[0];
  const dns = subnetSpec.dnsNameservers ?? [];
  if (!subnet) {
    subnet = await recordCall(
      context.events,
      {
        action: 'CreateSubnet',
        attempt: `create subnet ${name}`,
        done: (s) => `Created subnet ${name} with id ${s.id}`,
      },
      () =>
        neutron.createSubnet(session, {
          network_id: network.id,
          name,
          ip_version: 4,
          cidr: subnetSpec.cidr,
          description: clusterResourceDescription(ref),
          ...(dns.length > 0 ? { dns_nameservers: dns } : {}),
          ...(subnetSpec.allocationPools ? { allocation_pools: subnetSpec.allocationPools } : {}),
        }),
    );
  } else if (dns.join(',') !== subnet.dns_nameservers.join(',')) {
    const id = subnet.id;
    subnet = await recordCall(
      context.events,
      { action: 'UpdateSubnet', attempt: `update subnet ${id}`, done: () => `Updated subnet ${name} with id ${id}` },
      () => neutron.updateSubnetDnsNameservers(session, id, dns),
    );
  }
  const subnetTags = await ensureTags(context, 'subnets', subnet.id, subnet.tags);
  statusOf(context).network = {
    id: network.id,
    name: network.name,
    tags: networkTags,
    subnets: [{ id: subnet.id, name: subnet.name, cidr: subnet.cidr, tags: subnetTags }],
  };
}

function routerStatus(router: neutron.Router): NonNullable<ReturnType<typeof statusOf>['router']> {
  const ips = (router.external_gateway_info?.external_fixed_ips ?? []).flatMap((ip) =>
    ip.ip_address ? [ip.ip_address] : [],
  );
  return { id: router.id, name: router.name, tags: router.tags, ...(ips.length > 0 ? { ips } : {}) };
}

/**
 * The router between the cluster subnets and the external network (CAPO's `ReconcileRouter`): skipped without an
 * external network; found by `status.router`, `spec.router` or name, else created with the gateway; the gateway's
 * fixed IPs set from `externalRouterIPs`; an interface added on every cluster subnet that has none.
 */
export async function reconcileRouter(context: ClusterContext): Promise<void> {
  const { session, object, ref } = context;
  const status = statusOf(context);
  const external = status.externalNetwork;
  const subnets = status.network?.subnets ?? [];
  if (!external || subnets.length === 0) return;
  const name = networkName(ref);
  let router: neutron.Router | undefined;
  if (status.router?.id) {
    router = await neutron.getRouter(session, status.router.id).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
  }
  if (!router && object.spec.router) router = await resolveRouter(session, object.spec.router);
  if (!router) {
    const found = await neutron.listRouters(session, { name });
    if (found.length > 1) throw new ClusterSpecError(`found ${found.length} routers named ${name}`);
    router = found[0];
  }
  const fixedIPs = object.spec.externalRouterIPs ?? [];
  if (!router) {
    router = await recordCall(
      context.events,
      {
        action: 'CreateRouter',
        attempt: `create router ${name}`,
        done: (r) => `Created router ${name} with id ${r.id}`,
      },
      () =>
        neutron.createRouter(session, {
          name,
          description: clusterResourceDescription(ref),
          ...(fixedIPs.length === 0 ? { external_gateway_info: { network_id: external.id } } : {}),
        }),
    );
  }
  const tags = await ensureTags(context, 'routers', router.id, router.tags);
  router = { ...router, tags };
  status.router = routerStatus(router);
  if (fixedIPs.length > 0 && !router.external_gateway_info) {
    const wanted: { subnet_id: string; ip_address?: string }[] = [];
    for (const ip of fixedIPs) {
      const subnet = await resolveSubnet(session, ip.subnet, external.id);
      wanted.push({ subnet_id: subnet.id, ...(ip.fixedIP ? { ip_address: ip.fixedIP } : {}) });
    }
    const id = router.id;
    router = await recordCall(
      context.events,
      { action: 'UpdateRouter', attempt: `update router ${id}`, done: () => `Updated router ${name} with id ${id}` },
      () => neutron.updateRouterGateway(session, id, { network_id: external.id, external_fixed_ips: wanted }),
    );
    status.router = routerStatus({ ...router, tags });
  }
  const ports = await neutron.listPorts(session, { deviceId: router.id });
  for (const subnet of subnets) {
    const attached = ports.some((port) => port.fixed_ips.some((ip) => ip.subnet_id === subnet.id));
    if (!attached) await neutron.addRouterInterface(session, router.id, subnet.id);
  }
}
