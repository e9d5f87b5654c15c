import { listType } from '@capi-ts/sdk';
import { z } from 'zod';

/** The managed security groups a rule may name as its remote group. */
export const remoteManagedGroupSchema = z.enum(['bastion', 'controlplane', 'worker']);

/**
 * An extra rule of the managed security groups (`SecurityGroupRuleSpec`). `name` only keys the list. At most one
 * of `remoteGroupID`, `remoteIPPrefix` and `remoteManagedGroups` may be set.
 */
export const securityGroupRuleSpecSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  direction: z.enum(['ingress', 'egress']),
  etherType: z.enum(['IPv4', 'IPv6']).optional(),
  portRangeMin: z.int().optional(),
  portRangeMax: z.int().optional(),
  protocol: z.string().optional(),
  remoteGroupID: z.string().optional(),
  remoteIPPrefix: z.string().optional(),
  remoteManagedGroups: z.array(remoteManagedGroupSchema).optional(),
});

const ruleList = () => listType(z.array(securityGroupRuleSpecSchema), 'map', ['name']).optional();

/**
 * The security groups CAPO manages for control-plane and worker nodes (and the bastion), with the default rules
 * and these extra ones. `allowAllInClusterTraffic` replaces the per-port rules between nodes with "any protocol".
 */
export const managedSecurityGroupsSchema = z
  .object({
    allNodesSecurityGroupRules: ruleList().describe('Rules added to both the control-plane and the worker group.'),
    controlPlaneNodesSecurityGroupRules: ruleList(),
    workerNodesSecurityGroupRules: ruleList(),
    allowAllInClusterTraffic: z.boolean().default(false),
  })
  .meta({ required: ['allowAllInClusterTraffic'] });

/** `SecurityGroupRuleSpec` */
export type SecurityGroupRuleSpec = z.infer<typeof securityGroupRuleSpecSchema>;
/** `ManagedSecurityGroups` */
export type ManagedSecurityGroups = z.infer<typeof managedSecurityGroupsSchema>;
