import { listType } from '@capi-ts/sdk';
import { z } from 'zod';

/** A Neutron tag as filters take it: not empty and without commas (Neutron joins tag filters with commas). */
export const neutronTagSchema = z
  .string()
  .min(1)
  .regex(/^[^,]+$/);

const neutronTagSet = () => listType(z.array(neutronTagSchema), 'set').optional();

/** The tag filters every Neutron filter supports (all of, any of, none of, not all of). */
const tagFilterShape = {
  tags: neutronTagSet().describe('Only resources with all of these tags.'),
  tagsAny: neutronTagSet().describe('Only resources with at least one of these tags.'),
  notTags: neutronTagSet().describe('Exclude resources with all of these tags.'),
  notTagsAny: neutronTagSet().describe('Exclude resources with any of these tags.'),
};

const namedFilterShape = {
  name: z.string().optional(),
  description: z.string().optional(),
  projectID: z.string().optional(),
  ...tagFilterShape,
};

/** An object filter must set at least one field: an empty filter would match everything. */
function nonEmpty<T extends z.ZodObject>(schema: T): T {
  return schema.meta({ minProperties: 1 }) as T;
}

/** Selects a Neutron network by its attributes. */
export const networkFilterSchema = nonEmpty(z.object(namedFilterShape));

/** Selects a Neutron subnet by its attributes. */
export const subnetFilterSchema = nonEmpty(
  z.object({
    ...namedFilterShape,
    ipVersion: z.int().optional(),
    gatewayIP: z.string().optional(),
    cidr: z.string().optional(),
    ipv6AddressMode: z.string().optional(),
    ipv6RAMode: z.string().optional(),
  }),
);

/** Selects a Neutron router by its attributes. */
export const routerFilterSchema = nonEmpty(z.object(namedFilterShape));

/** Selects Neutron security groups by their attributes (a filter may match several). */
export const securityGroupFilterSchema = nonEmpty(z.object(namedFilterShape));

/**
 * A reference to an OpenStack resource by exactly one of `id` (a UUID) or `filter`, CAPO's `*Param` types.
 * `id` accepts any 8-4-4-4-12 hex string, as the API server's `uuid` format does.
 */
function idOrFilter<F extends z.ZodObject>(filter: F) {
  return z.object({ id: z.guid().optional(), filter: filter.optional() }).meta({ minProperties: 1, maxProperties: 1 });
}

/** A Neutron network by id or filter (`NetworkParam`). */
export const networkParamSchema = idOrFilter(networkFilterSchema);
/** A Neutron subnet by id or filter (`SubnetParam`). */
export const subnetParamSchema = idOrFilter(subnetFilterSchema);
/** A Neutron router by id or filter (`RouterParam`). */
export const routerParamSchema = idOrFilter(routerFilterSchema);
/** Neutron security groups by id or filter (`SecurityGroupParam`). */
export const securityGroupParamSchema = idOrFilter(securityGroupFilterSchema);

/** A Nova server group by id or name (`ServerGroupParam`). */
export const serverGroupParamSchema = idOrFilter(nonEmpty(z.object({ name: z.string().optional() })));

/** A Glance image by id, by name and tags (must match exactly one image), or through an ORC `Image` object. */
export const imageParamSchema = z
  .object({
    id: z.guid().optional(),
    filter: nonEmpty(
      z.object({
        name: z.string().optional(),
        tags: listType(z.array(z.string()), 'set').optional(),
      }),
    ).optional(),
    imageRef: z.object({ name: z.string().describe('Name of an ORC Image in the same namespace.') }).optional(),
  })
  .meta({ minProperties: 1, maxProperties: 1 });

/** `NetworkParam` */
export type NetworkParam = z.infer<typeof networkParamSchema>;
/** `SubnetParam` */
export type SubnetParam = z.infer<typeof subnetParamSchema>;
/** `RouterParam` */
export type RouterParam = z.infer<typeof routerParamSchema>;
/** `SecurityGroupParam` */
export type SecurityGroupParam = z.infer<typeof securityGroupParamSchema>;
/** `ServerGroupParam` */
export type ServerGroupParam = z.infer<typeof serverGroupParamSchema>;
/** `ImageParam` */
export type ImageParam = z.infer<typeof imageParamSchema>;
