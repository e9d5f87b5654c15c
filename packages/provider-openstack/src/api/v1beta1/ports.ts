import { listType } from '@capi-ts/sdk';
import { z } from 'zod';
import { networkParamSchema, securityGroupParamSchema, subnetParamSchema } from './filters.js';

/** An extra IP (and MAC) address a port may send from (`allowed_address_pairs`). */
export const addressPairSchema = z.object({
  ipAddress: z.string(),
  macAddress: z.string().optional(),
});

/** Neutron `binding:profile` capabilities: OVS hardware offload (`switchdev`) and trusted virtual functions. */
export const bindingProfileSchema = z.object({
  ovsHWOffload: z.boolean().optional(),
  trustedVF: z.boolean().optional(),
});

/** An extra top-level key of the port create request; `name` only keys the list and is not sent. */
export const valueSpecSchema = z.object({
  name: z.string(),
  key: z.string(),
  value: z.string(),
});

/** Port fields passed to Neutron as written, both in the spec and in the resolved status (`ResolvedPortSpecFields`). */
export const resolvedPortSpecFieldsShape = {
  adminStateUp: z.boolean().optional(),
  macAddress: z.string().optional(),
  allowedAddressPairs: z.array(addressPairSchema).optional(),
  hostID: z.string().optional(),
  vnicType: z.string().optional(),
  profile: bindingProfileSchema.optional(),
  disablePortSecurity: z.boolean().optional(),
  propagateUplinkStatus: z.boolean().optional(),
  valueSpecs: listType(z.array(valueSpecSchema), 'map', ['name']).optional(),
};

/** A fixed IP of a port: a subnet to allocate from and/or an explicit address. */
export const fixedIPSchema = z.object({
  subnet: subnetParamSchema.optional(),
  ipAddress: z.string().optional(),
});

/**
 * One port of a server (`PortOpts`). Without `network` the port is on the cluster network; without `fixedIPs`
 * Neutron allocates an address from every subnet of the network.
 */
export const portOptsSchema = z.object({
  network: networkParamSchema.optional(),
  description: z.string().optional(),
  nameSuffix: z.string().optional().describe('The port is named <server name>-<nameSuffix> (default: the index).'),
  fixedIPs: listType(z.array(fixedIPSchema), 'atomic').optional(),
  securityGroups: listType(z.array(securityGroupParamSchema), 'atomic').optional(),
  tags: listType(z.array(z.string()), 'set').optional(),
  trunk: z.boolean().optional(),
  ...resolvedPortSpecFieldsShape,
});

/** A port with every reference resolved to an id, as the controllers record it before creating it. */
export const resolvedPortSpecSchema = z.object({
  name: z.string(),
  description: z.string(),
  networkID: z.string(),
  tags: listType(z.array(z.string()), 'set').optional(),
  trunk: z.boolean().optional(),
  fixedIPs: listType(
    z.array(z.object({ subnet: z.string().optional(), ipAddress: z.string().optional() })),
    'atomic',
  ).optional(),
  securityGroups: listType(z.array(z.string()), 'atomic').optional(),
  ...resolvedPortSpecFieldsShape,
});

/** A port the controllers created: its id. */
export const portStatusSchema = z.object({ id: z.string() });

/** `PortOpts` */
export type PortOpts = z.infer<typeof portOptsSchema>;
/** `ResolvedPortSpec` */
export type ResolvedPortSpec = z.infer<typeof resolvedPortSpecSchema>;
