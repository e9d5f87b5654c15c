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
import type { OpenStackSession } from '../session.js';

/** A Neutron network, with the fields CAPO reads. */
export const networkSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  status: z.string().optional(),
  admin_state_up: z.boolean().optional(),
  shared: z.boolean().optional(),
  'router:external': z.boolean().optional(),
  subnets: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  project_id: z.string().optional(),
  mtu: z.number().optional(),
  port_security_enabled: z.boolean().optional(),
});

export type Network = z.infer<typeof networkSchema>;

const networks: ResourceCollection<typeof networkSchema> = {
  service: 'network',
  collection: 'networks',
  singular: 'network',
  plural: 'networks',
  schema: networkSchema,
};

/** Filters of `GET /v2.0/networks` CAPO uses. */
export interface NetworkFilter extends TagFilter {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly projectId?: string | undefined;
  /** `router:external=true` finds external networks. */
  readonly external?: boolean | undefined;
}

/** Body of `POST /v2.0/networks` (wire names). */
export interface CreateNetworkRequest {
  readonly name: string;
  readonly admin_state_up?: boolean;
  readonly description?: string;
  readonly port_security_enabled?: boolean;
  readonly mtu?: number;
  /** Admin only. */
  readonly 'router:external'?: boolean;
  readonly shared?: boolean;
}

/** `GET /v2.0/networks` with filters, every page. */
export function listNetworks(session: OpenStackSession, filter: NetworkFilter = {}): Promise<Network[]> {
  return listResources(session, networks, {
    id: filter.id,
    name: filter.name,
    description: filter.description,
    project_id: filter.projectId,
    'router:external': filter.external,
    ...tagQuery(filter),
  });
}

/** `GET /v2.0/networks/{id}`. */
export function getNetwork(session: OpenStackSession, id: string): Promise<Network> {
  return getResource(session, networks, id);
}

/** `POST /v2.0/networks`. */
export function createNetwork(session: OpenStackSession, request: CreateNetworkRequest): Promise<Network> {
  return createResource(session, networks, request);
}

/** `DELETE /v2.0/networks/{id}` (409 while ports other than the DHCP port remain). */
export function deleteNetwork(session: OpenStackSession, id: string): Promise<void> {
  return deleteResource(session, networks, id);
}
