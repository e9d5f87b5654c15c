import { z } from 'zod';
import {
  createResource,
  getResource,
  listResources,
  type ResourceCollection,
  segment,
} from '../resource-collection.js';
import type { OpenStackSession } from '../session.js';

/** An Octavia load balancer: `provisioning_status` is `ACTIVE`, `PENDING_*` or `ERROR`. */
export const loadBalancerSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  provisioning_status: z.string(),
  operating_status: z.string().optional(),
  vip_address: z.string().nullish(),
  vip_port_id: z.string().nullish(),
  vip_subnet_id: z.string().nullish(),
  vip_network_id: z.string().nullish(),
  provider: z.string().nullish(),
  flavor_id: z.string().nullish(),
  availability_zone: z.string().nullish(),
  tags: z.array(z.string()).default([]),
  listeners: z.array(z.object({ id: z.string() })).default([]),
  pools: z.array(z.object({ id: z.string() })).default([]),
});

export type LoadBalancer = z.infer<typeof loadBalancerSchema>;

const loadBalancers: ResourceCollection<typeof loadBalancerSchema> = {
  service: 'load-balancer',
  collection: 'lbaas/loadbalancers',
  singular: 'loadbalancer',
  plural: 'loadbalancers',
  schema: loadBalancerSchema,
};

/** Body of `POST /v2.0/lbaas/loadbalancers`. */
export interface CreateLoadBalancerRequest {
  readonly name: string;
  readonly description?: string;
  readonly vip_subnet_id?: string;
  readonly vip_network_id?: string;
  readonly vip_address?: string;
  readonly provider?: string;
  readonly flavor_id?: string;
  readonly availability_zone?: string;
  readonly tags?: readonly string[];
}

/** `GET /v2.0/lbaas/loadbalancers?name=`. */
export function listLoadBalancers(session: OpenStackSession, filter: { name?: string } = {}): Promise<LoadBalancer[]> {
  return listResources(session, loadBalancers, { name: filter.name });
}

/** `GET /v2.0/lbaas/loadbalancers/{id}`. */
export function getLoadBalancer(session: OpenStackSession, id: string): Promise<LoadBalancer> {
  return getResource(session, loadBalancers, id);
}

/** `POST /v2.0/lbaas/loadbalancers`. */
export function createLoadBalancer(
  session: OpenStackSession,
  request: CreateLoadBalancerRequest,
): Promise<LoadBalancer> {
  return createResource(session, loadBalancers, request);
}

/** `DELETE /v2.0/lbaas/loadbalancers/{id}?cascade=true` (409 while `PENDING_DELETE`). */
export async function deleteLoadBalancer(session: OpenStackSession, id: string): Promise<void> {
  await session.request('load-balancer', {
    method: 'DELETE',
    path: `lbaas/loadbalancers/${segment(id)}`,
    query: { cascade: true },
  });
}
