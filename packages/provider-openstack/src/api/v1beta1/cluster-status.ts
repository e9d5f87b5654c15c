import { z } from 'zod';
import {
  bastionStatusSchema,
  conditionsSchema,
  failureDomainSchema,
  initializationSchema,
  loadBalancerStatusSchema,
  networkStatusSchema,
  networkStatusWithSubnetsSchema,
  routerStatusSchema,
  securityGroupStatusSchema,
} from './status-types.js';

/**
 * `OpenStackClusterStatus`: what the controller created or found, with both contracts' readiness fields —
 * `ready` and `failureReason`/`failureMessage` (v1beta1) and `initialization.provisioned` (v1beta2).
 */
export const openStackClusterStatusSchema = z
  .object({
    ready: z.boolean().default(false),
    initialization: initializationSchema.optional(),
    network: networkStatusWithSubnetsSchema.optional(),
    externalNetwork: networkStatusSchema.optional(),
    router: routerStatusSchema.optional(),
    apiServerLoadBalancer: loadBalancerStatusSchema.optional(),
    failureDomains: z.record(z.string(), failureDomainSchema).optional(),
    controlPlaneSecurityGroup: securityGroupStatusSchema.optional(),
    workerSecurityGroup: securityGroupStatusSchema.optional(),
    bastionSecurityGroup: securityGroupStatusSchema.optional(),
    bastion: bastionStatusSchema.optional(),
    failureReason: z.string().optional(),
    failureMessage: z.string().optional(),
    conditions: conditionsSchema.optional(),
  })
  .meta({ required: ['ready'] });

/** `OpenStackClusterStatus` */
export type OpenStackClusterStatus = z.infer<typeof openStackClusterStatusSchema>;
