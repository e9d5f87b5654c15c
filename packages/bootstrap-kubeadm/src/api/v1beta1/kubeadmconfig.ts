import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { boundedString, conditionListSchema, v1beta1ConditionSchema } from '../v1beta2/index.js';
import { kubeadmConfigSpecV1beta1Schema } from './kubeadmconfig-spec.js';

/** `status` of a KubeadmConfig (v1beta1): the v1beta1 contract's fields plus the v1beta2 conditions. */
export const kubeadmConfigStatusV1beta1Schema = z
  .object({
    ready: z.boolean().describe('The bootstrap data is ready (v1beta1 contract).').optional(),
    dataSecretName: boundedString(1, 253).describe('Name of the Secret holding the bootstrap data.').optional(),
    failureReason: boundedString(1, 256).describe('Set on non-retryable errors.').optional(),
    failureMessage: boundedString(1, 10240).describe('Set on non-retryable errors.').optional(),
    observedGeneration: z
      .int()
      .meta({ format: 'int64' })
      .describe('The latest generation observed by the controller.')
      .optional(),
    conditions: z.array(v1beta1ConditionSchema).describe('Cluster API v1beta1 conditions.').optional(),
    v1beta2: z
      .object({ conditions: conditionListSchema.describe('The v1beta2 conditions.').optional() })
      .describe('The v1beta2 view of the status.')
      .optional(),
  })
  .describe('The observed state of a KubeadmConfig.');

/** KubeadmConfig v1beta1: served for manifests written for Cluster API up to v1.10, converted to v1beta2. */
export const KubeadmConfigV1beta1 = defineResource({
  group: 'bootstrap.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'KubeadmConfig',
  plural: 'kubeadmconfigs',
  categories: ['cluster-api'],
  scope: 'Namespaced',
  storage: false,
  deprecated: true,
  description: 'KubeadmConfig is the Schema for the kubeadmconfigs API.',
  spec: kubeadmConfigSpecV1beta1Schema.optional(),
  status: kubeadmConfigStatusV1beta1Schema,
  printerColumns: [
    {
      name: 'Cluster',
      type: 'string',
      description: 'Cluster',
      jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",
    },
    {
      name: 'Age',
      type: 'date',
      description: 'Time duration since creation of KubeadmConfig',
      jsonPath: '.metadata.creationTimestamp',
    },
  ],
});

/** A KubeadmConfig object (v1beta1). */
export type KubeadmConfigV1beta1 = InferResource<typeof KubeadmConfigV1beta1>;
