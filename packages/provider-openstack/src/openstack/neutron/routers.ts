import { z } from 'zod';
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  type ResourceCollection,
  segment,
  type TagFilter,
  tagQuery,
  updateResource,
} from '../resource-collection.js';
import type { OpenStackSession } from '../session.js';

const fixedIpSchema = z.object({ subnet_id: z.string(), ip_address: z.string() });

/** A Neutron router, with its external gateway. */
export const routerSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  status: z.string().optional(),
  admin_state_up: z.boolean().optional(),
  external_gateway_info: z
    .object({
      network_id: z.string(),
      enable_snat: z.boolean().optional(),
      external_fixed_ips: z.array(fixedIpSchema).default([]),
    })
    .nullable()
    .optional(),
  tags: z.array(z.string()).default([]),
  project_id: z.string().optional(),
});

export type Router = z.infer<typeof routerSchema>;

const routers: ResourceCollection<typeof routerSchema> = {
  service: 'network',
  collection: 'routers',
  singular: 'router',
  plural: 'routers',
  schema: routerSchema,
};

/** Filters of `GET /v2.0/routers`. */
export interface RouterFilter extends TagFilter {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly projectId?: string | undefined;
}

/** The gateway of a router (wire names). */
export interface ExternalGatewayInfo {
  readonly network_id: string;
  readonly external_fixed_ips?: readonly { readonly ip_address?: string; readonly subnet_id?: string }[];
}

/** Body of `POST /v2.0/routers`. */
export interface CreateRouterRequest {
  readonly name: string;
  readonly description?: string;
  readonly external_gateway_info?: ExternalGatewayInfo;
}

/** `GET /v2.0/routers` with filters, every page. */
export function listRouters(session: OpenStackSession, filter: RouterFilter = {}): Promise<Router[]> {
  return listResources(session, routers, {
    id: filter.id,
    name: filter.name,
    description: filter.description,
    project_id: filter.projectId,
    ...tagQuery(filter),
  });
}

/** `GET /v2.0/routers/{id}`. */
export function getRouter(session: OpenStackSession, id: string): Promise<Router> {
  return getResource(session, routers, id);
}

/** `POST /v2.0/routers`. */
export function createRouter(session: OpenStackSession, request: CreateRouterRequest): Promise<Router> {
  return createResource(session, routers, request);
}

/** `PUT /v2.0/routers/{id}` setting the external gateway. */
export function updateRouterGateway(
  session: OpenStackSession,
  id: string,
  gateway: ExternalGatewayInfo,
): Promise<Router> {
  return updateResource(session, routers, id, { external_gateway_info: gateway });
}

/** `PUT /v2.0/routers/{id}/add_router_interface` for a subnet. */
export async function addRouterInterface(session: OpenStackSession, id: string, subnetId: string): Promise<void> {
  await session.request('network', {
    method: 'PUT',
    path: `routers/${segment(id)}/add_router_interface`,
    body: { subnet_id: subnetId },
  });
}

/** `PUT /v2.0/routers/{id}/remove_router_interface` for a subnet (404 when not attached). */
export async function removeRouterInterface(session: OpenStackSession, id: string, subnetId: string): Promise<void> {
  await session.request('network', {
    method: 'PUT',
    path: `routers/${segment(id)}/remove_router_interface`,
    body: { subnet_id: subnetId },
  });
}

/** `DELETE /v2.0/routers/{id}` (409 while interfaces remain). */
export function deleteRouter(session: OpenStackSession, id: string): Promise<void> {
  return deleteResource(session, routers, id);
}
