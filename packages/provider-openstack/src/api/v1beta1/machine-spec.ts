import { celRule, listType, mapType } from '@capi-ts/sdk';
import { z } from 'zod';
import { additionalBlockDeviceSchema, rootVolumeSchema } from './block-devices.js';
import { imageParamSchema, securityGroupParamSchema, serverGroupParamSchema } from './filters.js';
import { identityRefSchema } from './identity.js';
import { portOptsSchema } from './ports.js';

/** A Nova server metadata item; Nova limits keys and values to 255 characters. */
export const serverMetadataSchema = z.object({
  key: z.string().max(255),
  value: z.string().max(255),
});

/** A typed value of a scheduler hint: exactly the field named by `type` is set. */
export const schedulerHintValueSchema = [
  ['Bool', 'bool'],
  ['Number', 'number'],
  ['String', 'string'],
].reduce(
  (schema, [type, field]) =>
    celRule(
      schema,
      `has(self.type) && self.type == '${type}' ? has(self.${field}) : !has(self.${field})`,
      `${field} is required when type is ${type}, and forbidden otherwise`,
    ),
  z.object({
    type: z.enum(['Bool', 'String', 'Number']),
    bool: z.boolean().optional(),
    number: z.int().optional(),
    string: z.string().min(1).max(255).optional(),
  }),
);

/** An extra `os:scheduler_hints` entry of the server create request. */
export const schedulerHintSchema = z.object({
  name: z.string().min(1),
  value: schedulerHintValueSchema,
});

/** A reference to an object of a kind in the same namespace (`TypedLocalObjectReference`). */
export const typedLocalObjectReferenceSchema = mapType(
  z.object({
    apiGroup: z.string().optional(),
    kind: z.string(),
    name: z.string(),
  }),
  'atomic',
);

/** The server fields an OpenStackMachine and an OpenStackServer share. */
export const serverFieldsShape = {
  flavor: z.string().min(1).optional().describe('Nova flavor name; flavorID takes precedence.'),
  flavorID: z.string().min(1).optional(),
  image: imageParamSchema,
  sshKeyName: z.string().optional(),
  ports: z.array(portOptsSchema).optional(),
  securityGroups: z
    .array(securityGroupParamSchema)
    .optional()
    .describe('Security groups added to every port, after the port’s own.'),
  trunk: z.boolean().optional().describe('Default of ports[].trunk.'),
  tags: listType(z.array(z.string()), 'set').optional(),
  serverMetadata: listType(z.array(serverMetadataSchema), 'map', ['key']).optional(),
  configDrive: z.boolean().optional(),
  rootVolume: rootVolumeSchema.optional(),
  additionalBlockDevices: listType(z.array(additionalBlockDeviceSchema), 'map', ['name']).optional(),
  serverGroup: serverGroupParamSchema.optional(),
  identityRef: identityRefSchema.optional(),
  floatingIPPoolRef: typedLocalObjectReferenceSchema
    .optional()
    .describe('An OpenStackFloatingIPPool to take a floating IP from.'),
  schedulerHintAdditionalProperties: listType(z.array(schedulerHintSchema), 'map', ['name']).optional(),
};

/** A server must name a flavor, by name or by id. */
export function withFlavorRule<T extends z.ZodObject>(schema: T): T {
  return celRule(schema, '(has(self.flavor) || has(self.flavorID))', 'at least one of flavor or flavorID must be set');
}

/** `OpenStackMachineSpec`: the server an OpenStackMachine (or the bastion) asks for. */
export const openStackMachineSpecSchema = withFlavorRule(
  z.object({
    providerID: z.string().optional().describe('openstack://<region>/<server id>, set by the controller.'),
    ...serverFieldsShape,
  }),
);

/** `OpenStackMachineSpec` */
export type OpenStackMachineSpec = z.infer<typeof openStackMachineSpecSchema>;
