import { z } from 'zod';
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  type ResourceCollection,
  type TagFilter,
  tagQuery,
  updateResource,
} from '../resource-collection.js';
import type { OpenStackSession } from '../session.js';

const allocationPoolSchema = z.object({ start: z.string(), end: z.string() });

/** A Neutron subnet, with the fields CAPO reads. */
export const subnetSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  network_id: z.string(),
  cidr: z.string(),
  ip_version: z.number(),
  gateway_ip: z.string().nullable().optional(),
  dns_nameservers: z.array(z.string()).default([]),
  allocation_pools: z.array(allocationPoolSchema).default([]),
  ipv6_address_mode: z.string().nullish(),
  ipv6_ra_mode: z.string().nullish(),
  enable_dhcp: z.boolean().optional(),
  tags: z.array(z.string()).default([]),
  project_id: z.string().optional(),
});

export type Subnet = z.infer<typeof subnetSchema>;

const subnets: ResourceCollection<typeof subnetSchema> = {
  service: 'network',
  collection: 'subnets',
  singular: 'subnet',
  plural: 'subnets',
  schema: subnetSchema,
};

/** Filters of `GET /v2.0/subnets` CAPO uses. */
export interface SubnetFilter extends TagFilter {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly networkId?: string | undefined;
  readonly projectId?: string | undefined;
  readonly cidr?: string | undefined;
  readonly ipVersion?: number | undefined;
  readonly gatewayIp?: string | undefined;
  readonly ipv6AddressMode?: string | undefined;
  readonly ipv6RaMode?: string | undefined;
}

/** Body of `POST /v2.0/subnets` (wire names). */
export interface CreateSubnetRequest {
  readonly network_id: string;
  readonly name: string;
  readonly ip_version: 4 | 6;
  readonly cidr: string;
  readonly description?: string;
  readonly dns_nameservers?: readonly string[];
  readonly allocation_pools?: readonly { readonly start: string; readonly end: string }[];
  readonly gateway_ip?: string | null;
  readonly enable_dhcp?: boolean;
}

/** `GET /v2.0/subnets` with filters, every page. */
export function listSubnets(session: OpenStackSession, filter: SubnetFilter = {}): Promise<Subnet[]> {
  return listResources(session, subnets, {
    id: filter.id,
    name: filter.name,
    description: filter.description,
    network_id: filter.networkId,
    project_id: filter.projectId,
    cidr: filter.cidr,
    ip_version: filter.ipVersion,
    gateway_ip: filter.gatewayIp,
    ipv6_address_mode: filter.ipv6AddressMode,
    ipv6_ra_mode: filter.ipv6RaMode,
    ...tagQuery(filter),
  });
}

/** `GET /v2.0/subnets/{id}`. */
export function getSubnet(session: OpenStackSession, id: string): Promise<Subnet> {
  return getResource(session, subnets, id);
}

/** `POST /v2.0/subnets`. */
export function createSubnet(session: OpenStackSession, request: CreateSubnetRequest): Promise<Subnet> {
  return createResource(session, subnets, request);
}

/** `PUT /v2.0/subnets/{id}` with the DNS name servers CAPO reconciles. */
export function updateSubnetDnsNameservers(
  session: OpenStackSession,
  id: string,
  dnsNameservers: readonly string[],
): Promise<Subnet> {
  return updateResource(session, subnets, id, { dns_nameservers: dnsNameservers });
}

/** `DELETE /v2.0/subnets/{id}`. */
export function deleteSubnet(session: OpenStackSession, id: string): Promise<void> {
  return deleteResource(session, subnets, id);
}
