import { celRule, listType } from '@capi-ts/sdk';
import { z } from 'zod';
import { networkParamSchema, routerParamSchema, subnetParamSchema } from './filters.js';
import { identityRefSchema } from './identity.js';
import { openStackMachineSpecSchema } from './machine-spec.js';
import { managedSecurityGroupsSchema } from './security-group-rules.js';

/** A subnet CAPO creates for the cluster (`SubnetSpec`); only `dnsNameservers` may change later. */
export const subnetSpecSchema = z.object({
  cidr: z.string(),
  dnsNameservers: z.array(z.string()).optional(),
  allocationPools: z.array(z.object({ start: z.string(), end: z.string() })).optional(),
});

/** A fixed IP of the router on the external network. */
export const externalRouterIPSchema = z.object({
  fixedIP: z.string().optional(),
  subnet: subnetParamSchema,
});

/** The TCP health monitor of each API server pool; the controller's defaults are 10 / 5 / 5 / 3. */
export const apiServerLoadBalancerMonitorSchema = z.object({
  delay: z.int().min(0).optional(),
  timeout: z.int().min(0).optional(),
  maxRetries: z.int().min(0).max(10).optional(),
  maxRetriesDown: z.int().min(1).max(10).optional(),
});

/** An Octavia load balancer in front of the API servers; present (and `enabled`, the default) means managed. */
export const apiServerLoadBalancerSchema = z
  .object({
    enabled: z.boolean().default(true),
    additionalPorts: listType(z.array(z.int()), 'set').optional(),
    allowedCIDRs: listType(z.array(z.string()), 'set').optional(),
    provider: z.string().optional().describe('Octavia provider, e.g. amphora or ovn.'),
    network: networkParamSchema.optional(),
    subnets: listType(z.array(subnetParamSchema), 'atomic').optional(),
    availabilityZone: z.string().optional(),
    flavor: z.string().optional().describe('Name of an Octavia flavor.'),
    monitor: apiServerLoadBalancerMonitorSchema.optional(),
  })
  .meta({ required: ['enabled'] });

/** The bastion host: a server on the cluster network reachable over SSH, recreated when its spec changes. */
export const bastionSchema = celRule(
  z.object({
    enabled: z.boolean().default(true),
    spec: openStackMachineSpecSchema.optional(),
    availabilityZone: z.string().optional(),
    floatingIP: z.ipv4().optional(),
  }),
  '!self.enabled || has(self.spec)',
  'spec is required if bastion is enabled',
);

/** Cluster API v1beta1's `APIEndpoint`. */
export const apiEndpointSchema = z.object({
  host: z.string().max(512).optional(),
  port: z.int32().optional(),
});

const spec = z.object({
  managedSubnets: listType(z.array(subnetSpecSchema).max(1), 'atomic').optional(),
  router: routerParamSchema.optional(),
  network: networkParamSchema.optional(),
  subnets: listType(z.array(subnetParamSchema).max(2), 'atomic').optional(),
  networkMTU: z.int().optional(),
  externalRouterIPs: listType(z.array(externalRouterIPSchema), 'atomic').optional(),
  externalNetwork: networkParamSchema.optional(),
  disableExternalNetwork: z.boolean().optional(),
  apiServerLoadBalancer: apiServerLoadBalancerSchema.optional(),
  disableAPIServerFloatingIP: z.boolean().optional(),
  apiServerFloatingIP: z.string().optional(),
  apiServerFixedIP: z.string().optional(),
  apiServerPort: z.int().min(0).max(65535).optional(),
  managedSecurityGroups: managedSecurityGroupsSchema.optional(),
  disablePortSecurity: z.boolean().optional(),
  tags: listType(z.array(z.string()), 'set').optional(),
  controlPlaneEndpoint: apiEndpointSchema.optional(),
  controlPlaneAvailabilityZones: listType(z.array(z.string()), 'set').optional(),
  controlPlaneOmitAvailabilityZone: z.boolean().optional(),
  bastion: bastionSchema.optional(),
  identityRef: identityRefSchema,
});

/** `OpenStackClusterSpec`: the cluster's network, load balancer, security groups, bastion and credentials. */
export const openStackClusterSpecSchema = celRule(
  celRule(
    spec,
    'has(self.disableExternalNetwork) && self.disableExternalNetwork ? !has(self.bastion) || !has(self.bastion.floatingIP) : true',
    'bastion floating IP cannot be set when disableExternalNetwork is true',
  ),
  'has(self.disableExternalNetwork) && self.disableExternalNetwork ? has(self.disableAPIServerFloatingIP) && self.disableAPIServerFloatingIP : true',
  'disableAPIServerFloatingIP cannot be false when disableExternalNetwork is true',
);

/** `OpenStackClusterSpec` */
export type OpenStackClusterSpec = z.infer<typeof openStackClusterSpecSchema>;
/** `Bastion` */
export type Bastion = z.infer<typeof bastionSchema>;
/** `APIServerLoadBalancer` */
export type APIServerLoadBalancer = z.infer<typeof apiServerLoadBalancerSchema>;
