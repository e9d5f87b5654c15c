import { z } from 'zod';
import {
  createResource,
  getResource,
  listResources,
  type ResourceCollection,
  updateResource,
} from '../resource-collection.js';
import type { OpenStackSession } from '../session.js';

/** An Octavia listener. */
export const listenerSchema = z.object({
  id: z.string(),
  name: z.string(),
  protocol: z.string(),
  protocol_port: z.number(),
  provisioning_status: z.string().optional(),
  allowed_cidrs: z.array(z.string()).nullish(),
  loadbalancers: z.array(z.object({ id: z.string() })).default([]),
  tags: z.array(z.string()).default([]),
});

export type Listener = z.infer<typeof listenerSchema>;

const listeners: ResourceCollection<typeof listenerSchema> = {
  service: 'load-balancer',
  collection: 'lbaas/listeners',
  singular: 'listener',
  plural: 'listeners',
  schema: listenerSchema,
};

/** Body of `POST /v2.0/lbaas/listeners`. */
export interface CreateListenerRequest {
  readonly name: string;
  readonly protocol: 'TCP';
  readonly protocol_port: number;
  readonly loadbalancer_id: string;
  readonly tags?: readonly string[];
  readonly allowed_cidrs?: readonly string[];
}

/** `GET /v2.0/lbaas/listeners?name=`. */
export function listListeners(session: OpenStackSession, filter: { name?: string } = {}): Promise<Listener[]> {
  return listResources(session, listeners, { name: filter.name });
}

/** `GET /v2.0/lbaas/listeners/{id}`. */
export function getListener(session: OpenStackSession, id: string): Promise<Listener> {
  return getResource(session, listeners, id);
}

/** `POST /v2.0/lbaas/listeners`. */
export function createListener(session: OpenStackSession, request: CreateListenerRequest): Promise<Listener> {
  return createResource(session, listeners, request);
}

/** `PUT /v2.0/lbaas/listeners/{id}` with the allowed CIDRs. */
export function updateListenerAllowedCidrs(
  session: OpenStackSession,
  id: string,
  allowedCidrs: readonly string[],
): Promise<Listener> {
  return updateResource(session, listeners, id, { allowed_cidrs: allowedCidrs });
}
