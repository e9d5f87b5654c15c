import { z } from 'zod';
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  type ResourceCollection,
  type TagFilter,
  tagQuery,
} from '../resource-collection.js';
import type { OpenStackSession, QueryValue } from '../session.js';

const fixedIpSchema = z.object({ subnet_id: z.string(), ip_address: z.string() });

/** A Neutron port, with the fields CAPO reads. */
export const portSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  network_id: z.string(),
  device_id: z.string(),
  device_owner: z.string(),
  mac_address: z.string(),
  status: z.string(),
  admin_state_up: z.boolean().optional(),
  fixed_ips: z.array(fixedIpSchema).default([]),
  security_groups: z.array(z.string()).default([]),
  allowed_address_pairs: z.array(z.object({ ip_address: z.string(), mac_address: z.string().optional() })).default([]),
  port_security_enabled: z.boolean().optional(),
  propagate_uplink_status: z.boolean().optional(),
  'binding:host_id': z.string().nullish(),
  'binding:vnic_type': z.string().optional(),
  'binding:vif_type': z.string().optional(),
  'binding:profile': z.record(z.string(), z.unknown()).nullish(),
  tags: z.array(z.string()).default([]),
  project_id: z.string().optional(),
});

export type Port = z.infer<typeof portSchema>;

const ports: ResourceCollection<typeof portSchema> = {
  service: 'network',
  collection: 'ports',
  singular: 'port',
  plural: 'ports',
  schema: portSchema,
};

/** The device owners of router interface ports (CAPO lists them to find a network's routers). */
export const routerInterfaceDeviceOwners = [
  'network:router_interface',
  'network:router_interface_distributed',
  'network:ha_router_replicated_interface',
  'network:router_ha_interface',
] as const;

/** Filters of `GET /v2.0/ports` CAPO uses. */
export interface PortFilter extends TagFilter {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly networkId?: string | undefined;
  readonly deviceId?: string | undefined;
  /** Several owners repeat the parameter (any of them). */
  readonly deviceOwner?: string | readonly string[] | undefined;
  readonly projectId?: string | undefined;
  /** `fixed_ips=ip_address=<ip>`. */
  readonly fixedIpAddress?: string | undefined;
  readonly limit?: number | undefined;
}

/** Body of `POST /v2.0/ports` (wire names). `valueSpecs` are merged in but may not replace fields. */
export interface CreatePortRequest {
  readonly network_id: string;
  readonly name: string;
  readonly description?: string;
  readonly admin_state_up?: boolean;
  readonly mac_address?: string;
  readonly fixed_ips?: readonly { readonly subnet_id?: string; readonly ip_address?: string }[];
  readonly security_groups?: readonly string[];
  readonly allowed_address_pairs?: readonly { readonly ip_address: string; readonly mac_address?: string }[];
  readonly propagate_uplink_status?: boolean;
  readonly port_security_enabled?: boolean;
  readonly 'binding:host_id'?: string;
  readonly 'binding:vnic_type'?: string;
  readonly 'binding:profile'?: Readonly<Record<string, unknown>>;
  readonly valueSpecs?: Readonly<Record<string, string>>;
}

/** `GET /v2.0/ports` with filters. Follows every page unless `limit` is set. */
export function listPorts(session: OpenStackSession, filter: PortFilter = {}): Promise<Port[]> {
  const query: Record<string, QueryValue> = {
    id: filter.id,
    name: filter.name,
    description: filter.description,
    network_id: filter.networkId,
    device_id: filter.deviceId,
    device_owner: filter.deviceOwner as QueryValue,
    project_id: filter.projectId,
    fixed_ips: filter.fixedIpAddress === undefined ? undefined : `ip_address=${filter.fixedIpAddress}`,
    limit: filter.limit,
    ...tagQuery(filter),
  };
  return listResources(session, ports, query);
}

/** `GET /v2.0/ports/{id}`. */
export function getPort(session: OpenStackSession, id: string): Promise<Port> {
  return getResource(session, ports, id);
}

/** `POST /v2.0/ports`. Value specs may not override fields or set `shared`/`tenant_id` (as in CAPO). */
export function createPort(session: OpenStackSession, request: CreatePortRequest): Promise<Port> {
  const { valueSpecs, ...attributes } = request;
  const body: Record<string, unknown> = { ...attributes };
  for (const [key, value] of Object.entries(valueSpecs ?? {})) {
    if (key in body || key === 'shared' || key === 'tenant_id') {
      throw new Error(`port value spec "${key}" would override a port attribute`);
    }
    body[key] = value;
  }
  return createResource(session, ports, body);
}

/** `DELETE /v2.0/ports/{id}`. */
export function deletePort(session: OpenStackSession, id: string): Promise<void> {
  return deleteResource(session, ports, id);
}
