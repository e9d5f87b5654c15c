import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { GROUP } from '../common/names.js';
import { networkParamSchema } from '../v1beta1/filters.js';
import { identityRefSchema } from '../v1beta1/identity.js';
import { conditionsSchema, networkStatusSchema } from '../v1beta1/status-types.js';

/** `OpenStackFloatingIPPoolSpec`: where floating IPs come from and what happens to them when released. */
export const openStackFloatingIPPoolSpecSchema = z.object({
  preAllocatedFloatingIPs: z.array(z.string()).optional().describe('Used first, and never deleted.'),
  maxIPs: z.int().optional().describe('At most this many floating IPs; unlimited when unset.'),
  identityRef: identityRefSchema,
  floatingIPNetwork: networkParamSchema.optional().describe('Default: the only external network.'),
  reclaimPolicy: z.enum(['Retain', 'Delete']),
});

/** `OpenStackFloatingIPPoolStatus` */
export const openStackFloatingIPPoolStatusSchema = z.object({
  claimedIPs: z.array(z.string()).default([]),
  availableIPs: z.array(z.string()).default([]),
  failedIPs: z.array(z.string()).optional(),
  floatingIPNetwork: networkStatusSchema.optional(),
  conditions: conditionsSchema.optional(),
});

/** A pool of floating IPs handed out through Cluster API IPAM (IPAddressClaims). */
export const OpenStackFloatingIPPool = defineResource({
  group: GROUP,
  version: 'v1alpha1',
  kind: 'OpenStackFloatingIPPool',
  plural: 'openstackfloatingippools',
  scope: 'Namespaced',
  description: 'A Cluster API IPAM pool of OpenStack floating IPs.',
  spec: openStackFloatingIPPoolSpecSchema,
  status: openStackFloatingIPPoolStatusSchema,
});

/** A v1alpha1 OpenStackFloatingIPPool object. */
export type OpenStackFloatingIPPool = InferResource<typeof OpenStackFloatingIPPool>;
