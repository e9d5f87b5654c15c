import { z } from 'zod';
import {
  affinitySchema,
  containerSchema,
  deploymentStrategySchema,
  tolerationSchema,
  topologySpreadConstraintSchema,
  volumeSchema,
} from '../core/kubernetes-core.generated.js';
import { probeSetSchema } from './components.js';

const stringMap = z.record(z.string(), z.string());

/** Labels and annotations added to an object Kamaji creates. */
export const additionalMetadataSchema = z.object({
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

/** Runs the TenantControlPlane in another cluster, reached with the kubeconfig in a Secret. */
export const externalClusterReferenceSchema = z.object({
  kubeconfigSecretName: z.string().min(1),
  kubeconfigSecretKey: z.string().min(1),
  kubeconfigSecretNamespace: z.string().optional(),
  deploymentNamespace: z.string(),
});

/** `spec.deployment`: how Kamaji runs the control plane Deployment. */
export const deploymentComponentSchema = z.object({
  nodeSelector: stringMap.optional(),
  runtimeClassName: z.string().optional(),
  additionalMetadata: additionalMetadataSchema.optional(),
  podAdditionalMetadata: additionalMetadataSchema.optional(),
  serviceAccountName: z.string().optional(),
  strategy: deploymentStrategySchema.optional(),
  affinity: affinitySchema.optional(),
  tolerations: z.array(tolerationSchema).optional(),
  topologySpreadConstraints: z.array(topologySpreadConstraintSchema).optional(),
  extraInitContainers: z.array(containerSchema).optional(),
  extraContainers: z.array(containerSchema).optional(),
  extraVolumes: z.array(volumeSchema).optional(),
  externalClusterReference: externalClusterReferenceSchema.optional(),
  probes: probeSetSchema.optional(),
});
