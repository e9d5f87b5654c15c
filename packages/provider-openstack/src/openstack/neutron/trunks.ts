import { z } from 'zod';
import { parseResponse } from '../http/parse.js';
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  type ResourceCollection,
  segment,
  type TagFilter,
  tagQuery,
} from '../resource-collection.js';
import type { OpenStackSession } from '../session.js';

const subportSchema = z.object({
  port_id: z.string(),
  segmentation_type: z.string().optional(),
  segmentation_id: z.number().optional(),
});

/** A Neutron trunk (extension alias `trunk`). */
export const trunkSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  port_id: z.string(),
  status: z.string().optional(),
  admin_state_up: z.boolean().optional(),
  sub_ports: z.array(subportSchema).default([]),
  tags: z.array(z.string()).default([]),
  project_id: z.string().optional(),
});

export type Trunk = z.infer<typeof trunkSchema>;
export type Subport = z.infer<typeof subportSchema>;

const trunks: ResourceCollection<typeof trunkSchema> = {
  service: 'network',
  collection: 'trunks',
  singular: 'trunk',
  plural: 'trunks',
  schema: trunkSchema,
};

/** Filters of `GET /v2.0/trunks` CAPO uses. */
export interface TrunkFilter extends TagFilter {
  readonly name?: string | undefined;
  readonly portId?: string | undefined;
}

/** Body of `POST /v2.0/trunks`. */
export interface CreateTrunkRequest {
  readonly name: string;
  readonly port_id: string;
  readonly description?: string;
}

/** `GET /v2.0/trunks` with filters, every page. */
export function listTrunks(session: OpenStackSession, filter: TrunkFilter = {}): Promise<Trunk[]> {
  return listResources(session, trunks, { name: filter.name, port_id: filter.portId, ...tagQuery(filter) });
}

/** `GET /v2.0/trunks/{id}`. */
export function getTrunk(session: OpenStackSession, id: string): Promise<Trunk> {
  return getResource(session, trunks, id);
}

/** `POST /v2.0/trunks` (409 `ParentPortInUse` when the parent port is already bound). */
export function createTrunk(session: OpenStackSession, request: CreateTrunkRequest): Promise<Trunk> {
  return createResource(session, trunks, request);
}

/** `GET /v2.0/trunks/{id}/get_subports`. */
export async function listSubports(session: OpenStackSession, id: string): Promise<Subport[]> {
  const response = await session.request('network', { method: 'GET', path: `trunks/${segment(id)}/get_subports` });
  return parseResponse(z.object({ sub_ports: z.array(subportSchema) }), response.body, 'list subports').sub_ports;
}

/** `PUT /v2.0/trunks/{id}/remove_subports`. */
export async function removeSubports(session: OpenStackSession, id: string, portIds: readonly string[]): Promise<void> {
  await session.request('network', {
    method: 'PUT',
    path: `trunks/${segment(id)}/remove_subports`,
    body: { sub_ports: portIds.map((portId) => ({ port_id: portId })) },
  });
}

/** `DELETE /v2.0/trunks/{id}` (409 while the trunk is busy; CAPO retries). */
export function deleteTrunk(session: OpenStackSession, id: string): Promise<void> {
  return deleteResource(session, trunks, id);
}
