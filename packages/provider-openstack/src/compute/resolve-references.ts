import type { OpenStackServer } from '../api/v1alpha1/openstack-server.js';
import type {
  ImageParam,
  NetworkParam,
  SecurityGroupParam,
  ServerGroupParam,
  SubnetParam,
} from '../api/v1beta1/filters.js';
import type { ResolvedMachineSpec } from '../api/v1beta1/status-types.js';
import { portDescription, portName } from '../controllers/shared/resource-names.js';
import { FilterMatchError, glance, neutron, nova, type OpenStackSession } from '../openstack/index.js';
import { InvalidServerSpecError } from './errors.js';

/** The label Cluster API puts on objects of a cluster; ports are described after it. */
const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';

/**
 * Resolves every reference of an OpenStackServer spec to an id, as CAPO's `ResolveServerSpec` does, keeping what
 * `status.resolved` already holds (each field is resolved once, so a renamed image or network later does not
 * change an existing server). Filters that match nothing or several resources are an {@link InvalidServerSpecError}.
 */
export async function resolveServerReferences(
  session: OpenStackSession,
  compute: nova.ComputeApi,
  server: Readonly<OpenStackServer>,
): Promise<ResolvedMachineSpec> {
  const { spec } = server;
  const known = server.status?.resolved ?? {};
  return withFilterErrors(async () => {
    const resolved: ResolvedMachineSpec = { ...structuredClone(known) };
    if (resolved.imageID === undefined) resolved.imageID = await resolveImage(session, spec.image);
    if (resolved.flavorID === undefined) {
      resolved.flavorID = spec.flavorID ?? (await nova.findFlavorByName(compute, spec.flavor as string)).id;
    }
    if (resolved.serverGroupID === undefined && spec.serverGroup !== undefined) {
      resolved.serverGroupID = await resolveServerGroup(compute, spec.serverGroup);
    }
    if (resolved.ports === undefined) resolved.ports = await resolvePorts(session, server);
    return resolved;
  });
}

async function withFilterErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof FilterMatchError) throw new InvalidServerSpecError(err.message);
    throw err;
  }
}

async function resolveImage(session: OpenStackSession, image: ImageParam): Promise<string> {
  if (image.id !== undefined) return image.id;
  if (image.filter !== undefined) {
    return (await glance.findImage(session, { name: image.filter.name, tags: image.filter.tags })).id;
  }
  throw new InvalidServerSpecError(
    `image reference ${JSON.stringify(image.imageRef?.name ?? '')} needs the ORC Image API, which this provider ` +
      'does not read: give the image by id or filter',
  );
}

async function resolveServerGroup(compute: nova.ComputeApi, group: ServerGroupParam): Promise<string> {
  if (group.id !== undefined) return group.id;
  return (await nova.findServerGroupByName(compute, group.filter?.name ?? '')).id;
}

async function resolveNetwork(session: OpenStackSession, network: NetworkParam | undefined): Promise<string> {
  if (network === undefined) throw new InvalidServerSpecError('a port of the server names no network');
  if (network.id !== undefined) return network.id;
  const f = network.filter ?? {};
  return exactlyOne(
    await neutron.listNetworks(session, {
      name: f.name,
      description: f.description,
      projectId: f.projectID,
      tags: f.tags,
      tagsAny: f.tagsAny,
      notTags: f.notTags,
      notTagsAny: f.notTagsAny,
    }),
    'network',
  ).id;
}

async function resolveSubnet(session: OpenStackSession, networkId: string, subnet: SubnetParam): Promise<string> {
  if (subnet.id !== undefined) return subnet.id;
  const f = subnet.filter ?? {};
  return exactlyOne(
    await neutron.listSubnets(session, {
      networkId,
      name: f.name,
      description: f.description,
      projectId: f.projectID,
      cidr: f.cidr,
      ipVersion: f.ipVersion,
      gatewayIp: f.gatewayIP,
      ipv6AddressMode: f.ipv6AddressMode,
      ipv6RaMode: f.ipv6RAMode,
      tags: f.tags,
      tagsAny: f.tagsAny,
      notTags: f.notTags,
      notTagsAny: f.notTagsAny,
    }),
    'subnet',
  ).id;
}

async function resolveSecurityGroups(session: OpenStackSession, groups: readonly SecurityGroupParam[]) {
  const ids: string[] = [];
  for (const group of groups) {
    if (group.id !== undefined) {
      ids.push(group.id);
      continue;
    }
    const f = group.filter ?? {};
    const found = await neutron.listSecurityGroups(session, {
      name: f.name,
      description: f.description,
      projectId: f.projectID,
      tags: f.tags,
      tagsAny: f.tagsAny,
      notTags: f.notTags,
      notTagsAny: f.notTagsAny,
    });
    if (found.length === 0) throw new FilterMatchError('no-matches', 'security group', 0);
    ids.push(...found.map((g) => g.id));
  }
  return [...new Set(ids)];
}

async function resolvePorts(
  session: OpenStackSession,
  server: Readonly<OpenStackServer>,
): Promise<NonNullable<ResolvedMachineSpec['ports']>> {
  const { spec } = server;
  const serverName = server.metadata.name as string;
  const clusterName = server.metadata.labels?.[CLUSTER_NAME_LABEL] ?? '';
  const resolved: NonNullable<ResolvedMachineSpec['ports']> = [];
  for (const [index, port] of spec.ports.entries()) {
    const networkID = await resolveNetwork(session, port.network);
    const fixedIPs = [];
    for (const fixed of port.fixedIPs ?? []) {
      fixedIPs.push({
        ...(fixed.subnet ? { subnet: await resolveSubnet(session, networkID, fixed.subnet) } : {}),
        ...(fixed.ipAddress ? { ipAddress: fixed.ipAddress } : {}),
      });
    }
    const securityGroups = await resolveSecurityGroups(session, port.securityGroups ?? []);
    const tags = [...new Set([...(spec.tags ?? []), ...(port.tags ?? [])])];
    const trunk = port.trunk ?? spec.trunk;
    const {
      network: _network,
      description,
      nameSuffix,
      fixedIPs: _fixed,
      securityGroups: _groups,
      tags: _tags,
      trunk: _trunk,
      ...fields
    } = port;
    resolved.push({
      name: portName(serverName, index, nameSuffix),
      description: description ?? portDescription(clusterName),
      networkID,
      ...(fixedIPs.length > 0 ? { fixedIPs } : {}),
      ...(securityGroups.length > 0 ? { securityGroups } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(trunk === true ? { trunk: true } : {}),
      ...structuredClone(fields),
    });
  }
  return resolved;
}

function exactlyOne<T>(items: readonly T[], resource: string): T {
  if (items.length !== 1) {
    throw new FilterMatchError(items.length === 0 ? 'no-matches' : 'multiple-matches', resource, items.length);
  }
  return items[0] as T;
}
