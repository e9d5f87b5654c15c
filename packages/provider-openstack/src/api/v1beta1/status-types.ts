import { v1beta1ConditionListSchema } from '@capi-ts/sdk';
import { z } from 'zod';
import { portStatusSchema, resolvedPortSpecSchema } from './ports.js';

/** Cluster API v1beta1 conditions (with `severity`), bounded as Cluster API v1.11+ declares them. */
export const conditionsSchema = v1beta1ConditionListSchema({ bounded: true });

/** The v1beta2 contract's `status.initialization`: `provisioned` is set once the infrastructure is ready. */
export const initializationSchema = z.object({ provisioned: z.boolean().optional() });

/** A Nova server status as CAPO records it (BUILD, ACTIVE, ERROR, SHUTOFF, DELETED, ...; any string). */
export const instanceStateSchema = z.string();

/** An address of a machine, as Cluster API's `MachineAddress`. */
export const machineAddressSchema = z.object({ type: z.string(), address: z.string() });

/** What a server's references resolved to (`ResolvedMachineSpec`), recorded before anything is created. */
export const resolvedMachineSpecSchema = z.object({
  serverGroupID: z.string().optional(),
  imageID: z.string().optional(),
  flavorID: z.string().optional(),
  ports: z.array(resolvedPortSpecSchema).optional(),
});

/** The OpenStack resources created for a server (`MachineResources`), so that they are deleted with it. */
export const machineResourcesSchema = z.object({ ports: z.array(portStatusSchema).optional() });

/** A Neutron network (or external network) in status. */
export const networkStatusSchema = z.object({
  name: z.string(),
  id: z.string(),
  tags: z.array(z.string()).optional(),
});

/** A Neutron subnet in status. */
export const subnetStatusSchema = z.object({
  name: z.string(),
  id: z.string(),
  cidr: z.string(),
  tags: z.array(z.string()).optional(),
});

/** A network with its subnets in status (`NetworkStatusWithSubnets`). */
export const networkStatusWithSubnetsSchema = z.object({
  ...networkStatusSchema.shape,
  subnets: z.array(subnetStatusSchema).optional(),
});

/** The cluster router in status, with its external IPs. */
export const routerStatusSchema = z.object({
  name: z.string(),
  id: z.string(),
  tags: z.array(z.string()).optional(),
  ips: z.array(z.string()).optional(),
});

/** The API server load balancer in status: `ip` is its floating IP, `internalIP` its VIP. */
export const loadBalancerStatusSchema = z.object({
  name: z.string(),
  id: z.string(),
  ip: z.string(),
  internalIP: z.string(),
  allowedCIDRs: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  loadBalancerNetwork: networkStatusWithSubnetsSchema.optional(),
});

/** A managed security group in status. */
export const securityGroupStatusSchema = z.object({ name: z.string(), id: z.string() });

/** The bastion server in status. */
export const bastionStatusSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  sshKeyName: z.string().optional(),
  state: instanceStateSchema.optional(),
  ip: z.string().optional(),
  floatingIP: z.string().optional(),
  resolved: resolvedMachineSpecSchema.optional(),
  resources: machineResourcesSchema.optional(),
});

/** A failure domain (a Nova availability zone) as Cluster API v1beta1 reports it. */
export const failureDomainSchema = z.object({
  controlPlane: z.boolean().optional(),
  attributes: z.record(z.string(), z.string()).optional(),
});

/** `NetworkStatus` */
export type NetworkStatus = z.infer<typeof networkStatusSchema>;
/** `NetworkStatusWithSubnets` */
export type NetworkStatusWithSubnets = z.infer<typeof networkStatusWithSubnetsSchema>;
/** `ResolvedMachineSpec` */
export type ResolvedMachineSpec = z.infer<typeof resolvedMachineSpecSchema>;
/** `MachineResources` */
export type MachineResources = z.infer<typeof machineResourcesSchema>;
