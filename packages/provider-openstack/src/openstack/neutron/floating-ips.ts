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

/** A floating IP. `status` turns `ACTIVE` only where an L3 agent serves the router. */
export const floatingIpSchema = z.object({
  id: z.string(),
  floating_ip_address: z.string(),
  floating_network_id: z.string(),
  fixed_ip_address: z.string().nullish(),
  port_id: z.string().nullish(),
  router_id: z.string().nullish(),
  status: z.string(),
  description: z.string().nullish(),
  tags: z.array(z.string()).default([]),
  project_id: z.string().optional(),
});

export type FloatingIp = z.infer<typeof floatingIpSchema>;

const floatingIps: ResourceCollection<typeof floatingIpSchema> = {
  service: 'network',
  collection: 'floatingips',
  singular: 'floatingip',
  plural: 'floatingips',
  schema: floatingIpSchema,
};

/** Filters of `GET /v2.0/floatingips` CAPO uses. */
export interface FloatingIpFilter extends TagFilter {
  readonly floatingIpAddress?: string | undefined;
  readonly portId?: string | undefined;
  readonly floatingNetworkId?: string | undefined;
  readonly description?: string | undefined;
}

/** Body of `POST /v2.0/floatingips`. */
export interface CreateFloatingIpRequest {
  readonly floating_network_id: string;
  readonly floating_ip_address?: string;
  readonly description?: string;
  readonly port_id?: string;
}

/** `GET /v2.0/floatingips` with filters, every page. */
export function listFloatingIps(session: OpenStackSession, filter: FloatingIpFilter = {}): Promise<FloatingIp[]> {
  return listResources(session, floatingIps, {
    floating_ip_address: filter.floatingIpAddress,
    port_id: filter.portId,
    floating_network_id: filter.floatingNetworkId,
    description: filter.description,
    ...tagQuery(filter),
  });
}

/** `GET /v2.0/floatingips/{id}` (CAPO polls `status`). */
export function getFloatingIp(session: OpenStackSession, id: string): Promise<FloatingIp> {
  return getResource(session, floatingIps, id);
}

/** `POST /v2.0/floatingips`. */
export function createFloatingIp(session: OpenStackSession, request: CreateFloatingIpRequest): Promise<FloatingIp> {
  return createResource(session, floatingIps, request);
}

/** `PUT /v2.0/floatingips/{id}` associating the address with a port, or dissociating it (`null`). */
export function associateFloatingIp(session: OpenStackSession, id: string, portId: string | null): Promise<FloatingIp> {
  return updateResource(session, floatingIps, id, { port_id: portId });
}

/** `DELETE /v2.0/floatingips/{id}`. */
export function deleteFloatingIp(session: OpenStackSession, id: string): Promise<void> {
  return deleteResource(session, floatingIps, id);
}
