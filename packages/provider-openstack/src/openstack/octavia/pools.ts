import { z } from 'zod';
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  type ResourceCollection,
  segment,
} from '../resource-collection.js';
import type { OpenStackSession } from '../session.js';

/** An Octavia pool. */
export const poolSchema = z.object({
  id: z.string(),
  name: z.string(),
  protocol: z.string(),
  lb_algorithm: z.string(),
  provisioning_status: z.string().optional(),
  listeners: z.array(z.object({ id: z.string() })).default([]),
  tags: z.array(z.string()).default([]),
});

/** A pool member: `provisioning_status` follows its load balancer. */
export const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  protocol_port: z.number(),
  subnet_id: z.string().nullish(),
  provisioning_status: z.string().optional(),
  operating_status: z.string().optional(),
  tags: z.array(z.string()).default([]),
});

export type Pool = z.infer<typeof poolSchema>;
export type Member = z.infer<typeof memberSchema>;

const pools: ResourceCollection<typeof poolSchema> = {
  service: 'load-balancer',
  collection: 'lbaas/pools',
  singular: 'pool',
  plural: 'pools',
  schema: poolSchema,
};

function membersOf(poolId: string): ResourceCollection<typeof memberSchema> {
  return {
    service: 'load-balancer',
    collection: `lbaas/pools/${segment(poolId)}/members`,
    singular: 'member',
    plural: 'members',
    schema: memberSchema,
  };
}

/** Body of `POST /v2.0/lbaas/pools`. */
export interface CreatePoolRequest {
  readonly name: string;
  readonly protocol: 'TCP';
  readonly lb_algorithm: 'ROUND_ROBIN' | 'SOURCE_IP_PORT' | 'LEAST_CONNECTIONS';
  readonly listener_id: string;
  readonly tags?: readonly string[];
}

/** Body of `POST /v2.0/lbaas/pools/{pool}/members`. */
export interface CreateMemberRequest {
  readonly name: string;
  readonly protocol_port: number;
  readonly address: string;
  readonly subnet_id?: string;
  readonly tags?: readonly string[];
}

/** `GET /v2.0/lbaas/pools?name=`. */
export function listPools(session: OpenStackSession, filter: { name?: string } = {}): Promise<Pool[]> {
  return listResources(session, pools, { name: filter.name });
}

/** `POST /v2.0/lbaas/pools`. */
export function createPool(session: OpenStackSession, request: CreatePoolRequest): Promise<Pool> {
  return createResource(session, pools, request);
}

/** `GET /v2.0/lbaas/pools/{pool}/members?name=`. */
export function listMembers(
  session: OpenStackSession,
  poolId: string,
  filter: { name?: string } = {},
): Promise<Member[]> {
  return listResources(session, membersOf(poolId), { name: filter.name });
}

/** `GET /v2.0/lbaas/pools/{pool}/members/{id}`. */
export function getMember(session: OpenStackSession, poolId: string, id: string): Promise<Member> {
  return getResource(session, membersOf(poolId), id);
}

/** `POST /v2.0/lbaas/pools/{pool}/members`. */
export function createMember(session: OpenStackSession, poolId: string, request: CreateMemberRequest): Promise<Member> {
  return createResource(session, membersOf(poolId), request);
}

/** `DELETE /v2.0/lbaas/pools/{pool}/members/{id}`. */
export function deleteMember(session: OpenStackSession, poolId: string, id: string): Promise<void> {
  return deleteResource(session, membersOf(poolId), id);
}
