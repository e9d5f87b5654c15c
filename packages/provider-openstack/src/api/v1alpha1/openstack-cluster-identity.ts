import { defineResource, type InferResource, listType, mapType } from '@capi-ts/sdk';
import { z } from 'zod';
import { CATEGORIES, GROUP } from '../common/names.js';

/** A Kubernetes `LabelSelector`. */
export const labelSelectorSchema = mapType(
  z.object({
    matchExpressions: listType(
      z.array(
        z.object({
          key: z.string(),
          operator: z.string(),
          values: listType(z.array(z.string()), 'atomic').optional(),
        }),
      ),
      'atomic',
    ).optional(),
    matchLabels: z.record(z.string(), z.string()).optional(),
  }),
  'atomic',
);

/** `OpenStackClusterIdentitySpec` */
export const openStackClusterIdentitySpecSchema = z.object({
  secretRef: z
    .object({ name: z.string(), namespace: z.string() })
    .describe('The Secret holding clouds.yaml (and optionally cacert).'),
  namespaceSelector: labelSelectorSchema
    .optional()
    .describe('Namespaces whose objects may use this identity; all namespaces when unset.'),
});

/** Credentials shared across namespaces: objects refer to it with `identityRef.type: ClusterIdentity`. */
export const OpenStackClusterIdentity = defineResource({
  group: GROUP,
  version: 'v1alpha1',
  kind: 'OpenStackClusterIdentity',
  plural: 'openstackclusteridentities',
  shortNames: ['osci'],
  categories: CATEGORIES,
  scope: 'Cluster',
  description: 'OpenStack credentials that objects in the selected namespaces may use.',
  spec: openStackClusterIdentitySpecSchema,
});

/** A v1alpha1 OpenStackClusterIdentity object. */
export type OpenStackClusterIdentity = InferResource<typeof OpenStackClusterIdentity>;
