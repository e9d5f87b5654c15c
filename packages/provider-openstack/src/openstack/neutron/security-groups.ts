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

/** A security group rule as Neutron returns it (absent values are `null`). */
export const securityGroupRuleSchema = z.object({
  id: z.string(),
  security_group_id: z.string(),
  direction: z.enum(['ingress', 'egress']),
  ethertype: z.string(),
  description: z.string().nullish(),
  protocol: z.string().nullish(),
  port_range_min: z.number().nullish(),
  port_range_max: z.number().nullish(),
  remote_ip_prefix: z.string().nullish(),
  remote_group_id: z.string().nullish(),
  project_id: z.string().optional(),
});

/** A security group with its rules. */
export const securityGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  stateful: z.boolean().optional(),
  security_group_rules: z.array(securityGroupRuleSchema).default([]),
  tags: z.array(z.string()).default([]),
  project_id: z.string().optional(),
});

export type SecurityGroup = z.infer<typeof securityGroupSchema>;
export type SecurityGroupRule = z.infer<typeof securityGroupRuleSchema>;

const securityGroups: ResourceCollection<typeof securityGroupSchema> = {
  service: 'network',
  collection: 'security-groups',
  singular: 'security_group',
  plural: 'security_groups',
  schema: securityGroupSchema,
};

const securityGroupRules: ResourceCollection<typeof securityGroupRuleSchema> = {
  service: 'network',
  collection: 'security-group-rules',
  singular: 'security_group_rule',
  plural: 'security_group_rules',
  schema: securityGroupRuleSchema,
};

/** Filters of `GET /v2.0/security-groups`. */
export interface SecurityGroupFilter extends TagFilter {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly projectId?: string | undefined;
}

/** Body of `POST /v2.0/security-groups`. */
export interface CreateSecurityGroupRequest {
  readonly name: string;
  readonly description?: string;
}

/** Body of `POST /v2.0/security-group-rules` (zero and empty values are left out, as gophercloud does). */
export interface CreateSecurityGroupRuleRequest {
  readonly security_group_id: string;
  readonly direction: 'ingress' | 'egress';
  readonly ethertype: 'IPv4' | 'IPv6';
  readonly description?: string | undefined;
  readonly protocol?: string | undefined;
  readonly port_range_min?: number | undefined;
  readonly port_range_max?: number | undefined;
  readonly remote_ip_prefix?: string | undefined;
  readonly remote_group_id?: string | undefined;
}

/** `GET /v2.0/security-groups` with filters, every page (each group with its rules). */
export function listSecurityGroups(
  session: OpenStackSession,
  filter: SecurityGroupFilter = {},
): Promise<SecurityGroup[]> {
  return listResources(session, securityGroups, {
    id: filter.id,
    name: filter.name,
    description: filter.description,
    project_id: filter.projectId,
    ...tagQuery(filter),
  });
}

/** `GET /v2.0/security-groups/{id}`. */
export function getSecurityGroup(session: OpenStackSession, id: string): Promise<SecurityGroup> {
  return getResource(session, securityGroups, id);
}

/** `POST /v2.0/security-groups` (Neutron adds the default egress rules). */
export function createSecurityGroup(
  session: OpenStackSession,
  request: CreateSecurityGroupRequest,
): Promise<SecurityGroup> {
  return createResource(session, securityGroups, request);
}

/** `DELETE /v2.0/security-groups/{id}` (409 `SecurityGroupInUse` while a port uses it). */
export function deleteSecurityGroup(session: OpenStackSession, id: string): Promise<void> {
  return deleteResource(session, securityGroups, id);
}

/** `POST /v2.0/security-group-rules` (409 `SecurityGroupRuleExists` for a duplicate). */
export function createSecurityGroupRule(
  session: OpenStackSession,
  request: CreateSecurityGroupRuleRequest,
): Promise<SecurityGroupRule> {
  const body = Object.fromEntries(
    Object.entries(request).filter(([, value]) => value !== undefined && value !== '' && value !== 0),
  );
  return createResource(session, securityGroupRules, body);
}

/** `DELETE /v2.0/security-group-rules/{id}`. */
export function deleteSecurityGroupRule(session: OpenStackSession, id: string): Promise<void> {
  return deleteResource(session, securityGroupRules, id);
}
