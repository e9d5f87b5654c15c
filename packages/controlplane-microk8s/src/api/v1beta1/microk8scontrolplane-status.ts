import { metav1ConditionListSchema, v1beta1ConditionListSchema } from '@capi-ts/sdk';
import { z } from 'zod';

const int32 = (description: string) => z.int().meta({ format: 'int32' }).describe(description).optional();

/**
 * `status` of a MicroK8sControlPlane: CACPM's v1beta1 fields plus what the v1beta2 contract reads
 * (`initialization.controlPlaneInitialized`, `availableReplicas`, `upToDateReplicas`, `version`, and
 * `metav1.Condition`s in `v1beta2.conditions`).
 */
export const microK8sControlPlaneStatusSchema = z
  .object({
    selector: z
      .string()
      .describe('Label selector of the control-plane Machines, for the scale subresource.')
      .optional(),
    replicas: int32('Number of control-plane Machines.'),
    readyReplicas: int32('Number of Ready control-plane nodes.'),
    availableReplicas: int32('Number of available control-plane Machines (v1beta2 contract).'),
    upToDateReplicas: int32('Number of control-plane Machines at the desired version (v1beta2 contract).'),
    unavailableReplicas: int32('Number of control-plane Machines that are not Ready.'),
    version: z.string().describe('The oldest Kubernetes version among the control-plane Machines.').optional(),
    initialized: z.boolean().describe('The control plane accepts requests (v1beta1 contract).').optional(),
    ready: z.boolean().describe('The API server is ready to receive requests.').optional(),
    bootstrapped: z.boolean().describe('Every control-plane Machine has booted MicroK8s.').optional(),
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
        controlPlaneInitialized: z
          .boolean()
          .describe('The first control-plane node is up (v1beta2 contract).')
          .optional(),
      })
      .describe('Initialization progress, as the v1beta2 contract reads it.')
      .optional(),
    v1beta2: z
      .object({
        conditions: metav1ConditionListSchema()
          .describe('metav1.Conditions: Available, Paused and friends.')
          .optional(),
        readyReplicas: int32('Number of Ready control-plane Machines.'),
        availableReplicas: int32('Number of available control-plane Machines.'),
        upToDateReplicas: int32('Number of control-plane Machines at the desired version.'),
      })
      .describe('The v1beta2 contract view of the status during the transition.')
      .optional(),
  })
  .describe('The observed state of a MicroK8sControlPlane.');

/** `status` of a MicroK8sControlPlane. */
export type MicroK8sControlPlaneStatus = z.output<typeof microK8sControlPlaneStatusSchema>;
