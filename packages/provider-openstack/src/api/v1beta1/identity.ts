import { celRule } from '@capi-ts/sdk';
import { z } from 'zod';

/** Where the credentials come from: a Secret in the object's namespace, or a cluster-scoped OpenStackClusterIdentity. */
export const identityRefTypeSchema = z.enum(['Secret', 'ClusterIdentity']);

/**
 * The credentials of an object (`OpenStackIdentityReference`): a `clouds.yaml` (and optional `cacert`) held by a
 * Secret or an OpenStackClusterIdentity, the cloud to use from it, and an optional region override. The region is
 * part of every providerID, so it cannot change.
 */
export const identityRefSchema = celRule(
  z
    .object({
      type: identityRefTypeSchema.default('Secret'),
      name: z.string().min(1).describe('Name of the Secret or OpenStackClusterIdentity.'),
      cloudName: z.string().min(1).describe('The entry of clouds.yaml to use.'),
      region: z.string().optional().describe('Overrides the region_name of the clouds.yaml entry.'),
    })
    .meta({ required: ['cloudName', 'name', 'type'] }),
  '(!has(self.region) && !has(oldSelf.region)) || self.region == oldSelf.region',
  'region is immutable',
);

/** `OpenStackIdentityReference` */
export type IdentityRef = z.infer<typeof identityRefSchema>;
