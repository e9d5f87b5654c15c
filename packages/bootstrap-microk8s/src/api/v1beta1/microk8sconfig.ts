import {
  defineResource,
  type InferResource,
  metav1ConditionListSchema,
  v1beta1ConditionListSchema,
} from '@capi-ts/sdk';
import { z } from 'zod';
import { microK8sConfigSpecSchema } from './microk8sconfig-spec.js';

/**
 * `status` of a MicroK8sConfig: CABPM's v1beta1 fields (`ready`, `dataSecretName`, `failureReason`,
 * `failureMessage`, `observedGeneration`, v1beta1 `conditions`) plus what the v1beta2 contract reads
 * (`initialization.dataSecretCreated`, `metav1.Condition`s in `v1beta2.conditions`, read there first by Cluster
 * API during the transition).
 */
export const microK8sConfigStatusSchema = z
  .object({
    ready: z.boolean().describe('The bootstrap data is ready to be consumed (v1beta1 contract).').optional(),
    dataSecretName: z.string().describe('Name of the Secret that holds the bootstrap data.').optional(),
    failureReason: z.string().describe('Set on non-retryable errors.').optional(),
    failureMessage: z.string().describe('Set on non-retryable errors.').optional(),
    observedGeneration: z
      .int()
      .meta({ format: 'int64' })
      .describe('The latest generation observed by the controller.')
      .optional(),
    conditions: v1beta1ConditionListSchema()
      .describe('Cluster API v1beta1 conditions, kept for v1beta1-contract readers.')
      .optional(),
    initialization: z
      .object({
        dataSecretCreated: z
          .boolean()
          .describe('The bootstrap data Secret has been created (v1beta2 contract).')
          .optional(),
      })
      .describe('Initialization progress, as the v1beta2 contract reads it.')
      .optional(),
    v1beta2: z
      .object({
        conditions: metav1ConditionListSchema()
          .describe('metav1.Conditions: Ready, DataSecretAvailable and Paused.')
          .optional(),
      })
      .describe('The v1beta2 contract view of the status during the transition.')
      .optional(),
  })
  .describe('The observed state of a MicroK8sConfig.');

/** MicroK8sConfig: the bootstrap configuration of one MicroK8s machine. */
export const MicroK8sConfig = defineResource({
  group: 'bootstrap.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'MicroK8sConfig',
  plural: 'microk8sconfigs',
  scope: 'Namespaced',
  description: 'MicroK8sConfig is the bootstrap configuration of a MicroK8s node.',
  spec: microK8sConfigSpecSchema.optional(),
  status: microK8sConfigStatusSchema,
});

/** A MicroK8sConfig object. */
export type MicroK8sConfig = InferResource<typeof MicroK8sConfig>;
/** `status` of a MicroK8sConfig. */
export type MicroK8sConfigStatus = z.output<typeof microK8sConfigStatusSchema>;
