import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { conditionListSchema, v1beta1ConditionSchema } from './conditions.js';
import { boundedString, nonEmpty } from './fields.js';
import { kubeadmConfigSpecSchema } from './kubeadmconfig-spec.js';

/** `status` of a KubeadmConfig (v1beta2). */
export const kubeadmConfigStatusSchema = nonEmpty(
  z
    .object({
      conditions: conditionListSchema
        .describe('Ready, DataSecretAvailable, CertificatesAvailable and Paused.')
        .optional(),
      initialization: nonEmpty(
        z
          .object({
            dataSecretCreated: z.boolean().describe('The bootstrap data Secret has been created.').optional(),
          })
          .describe('Initialization progress, as the v1beta2 contract reads it.'),
      ).optional(),
      dataSecretName: boundedString(1, 253).describe('Name of the Secret holding the bootstrap data.').optional(),
      observedGeneration: z
        .int()
        .min(1)
        .meta({ format: 'int64' })
        .describe('The latest generation observed by the controller.')
        .optional(),
      deprecated: z
        .object({
          v1beta1: z
            .object({
              conditions: z.array(v1beta1ConditionSchema).describe('v1beta1 conditions.').optional(),
              failureReason: boundedString(1, 256).describe('Set on non-retryable errors.').optional(),
              failureMessage: boundedString(1, 10240).describe('Set on non-retryable errors.').optional(),
            })
            .describe('Fields of the v1beta1 status, kept during the transition.')
            .optional(),
        })
        .describe('Deprecated fields, removed when v1beta1 support ends.')
        .optional(),
    })
    .describe('The observed state of a KubeadmConfig.'),
);

/** KubeadmConfig (v1beta2, the storage version): the kubeadm bootstrap configuration of one machine. */
export const KubeadmConfig = defineResource({
  group: 'bootstrap.cluster.x-k8s.io',
  version: 'v1beta2',
  kind: 'KubeadmConfig',
  plural: 'kubeadmconfigs',
  categories: ['cluster-api'],
  scope: 'Namespaced',
  storage: true,
  description: 'KubeadmConfig is the Schema for the kubeadmconfigs API.',
  spec: kubeadmConfigSpecSchema.optional(),
  status: kubeadmConfigStatusSchema,
  printerColumns: [
    {
      name: 'Cluster',
      type: 'string',
      description: 'Cluster',
      jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",
    },
    {
      name: 'Paused',
      type: 'string',
      description: 'Reconciliation paused',
      jsonPath: '.status.conditions[?(@.type=="Paused")].status',
      priority: 10,
    },
    {
      name: 'Data secret created',
      type: 'string',
      description: 'Boostrap secret is created',
      jsonPath: '.status.initialization.dataSecretCreated',
    },
    {
      name: 'Age',
      type: 'date',
      description: 'Time duration since creation of KubeadmConfig',
      jsonPath: '.metadata.creationTimestamp',
    },
  ],
});

/** A KubeadmConfig object (v1beta2). */
export type KubeadmConfig = InferResource<typeof KubeadmConfig>;
/** `status` of a KubeadmConfig (v1beta2). */
export type KubeadmConfigStatus = z.output<typeof kubeadmConfigStatusSchema>;
