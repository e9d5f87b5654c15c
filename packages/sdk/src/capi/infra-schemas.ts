import { z } from 'zod';
import { listType } from '../resource/extensions.js';

// zod schemas of the fields the infrastructure contracts define, with the constraints Cluster API's own CRDs
// carry, for `defineResource()`. Extend them with the provider's fields:
// `spec: infraMachineSpec.extend({ image: z.string() })`.

/** A `metav1.Condition`, as Cluster API's v1beta2 CRDs declare it (contract §Conditions). */
export const conditionSchema = z.object({
  type: z
    .string()
    .max(316)
    .regex(
      /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/,
    ),
  status: z.enum(['True', 'False', 'Unknown']),
  observedGeneration: z.int().min(0).optional(),
  lastTransitionTime: z.iso.datetime(),
  reason: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/),
  message: z.string().max(32768),
});

/** `status.conditions`: a list keyed by `type`, at most 32 entries. */
export const conditionsSchema = listType(z.array(conditionSchema).max(32), 'map', ['type']);

/** One machine address (`Hostname`, `ExternalIP`, `InternalIP`, `ExternalDNS` or `InternalDNS`). */
export const machineAddressSchema = z.object({
  type: z.enum(['Hostname', 'ExternalIP', 'InternalIP', 'ExternalDNS', 'InternalDNS']),
  address: z.string().min(1).max(256),
});

/** Where the control plane's API server is reached (`spec.controlPlaneEndpoint`). */
export const apiEndpointSchema = z.object({
  host: z.string().min(1).max(512).optional(),
  port: z.int32().min(1).max(65535).optional(),
});

/** A failure domain of an infrastructure cluster (v1beta2 list form). */
export const failureDomainSchema = z.object({
  name: z.string().min(1).max(256),
  controlPlane: z.boolean().optional(),
  attributes: z.record(z.string(), z.string()).optional(),
});

/** `status.initialization`: `provisioned` tells Cluster API the infrastructure is there. */
const initializationSchema = z.object({ provisioned: z.boolean().optional() });

/** The spec fields of the InfraMachine contract: `providerID`, which must match the Node's. */
export const infraMachineSpec = z.object({
  providerID: z.string().min(1).max(512).optional(),
});

/**
 * The status fields of the InfraMachine contract that `infraMachineController` writes: `initialization`,
 * `addresses`, `failureDomain`, `conditions`, and the v1beta1 `ready`.
 */
export const infraMachineStatus = z.object({
  initialization: initializationSchema.optional(),
  ready: z.boolean().optional(),
  addresses: z.array(machineAddressSchema).max(256).optional(),
  failureDomain: z.string().min(1).max(256).optional(),
  conditions: conditionsSchema.optional(),
});

/** The spec fields of the InfraCluster contract: `controlPlaneEndpoint`, for providers that supply it. */
export const infraClusterSpec = z.object({
  controlPlaneEndpoint: apiEndpointSchema.optional(),
});

/**
 * The status fields of the InfraCluster contract that `infraClusterController` writes: `initialization`,
 * `failureDomains` (a list keyed by name), `conditions`, and the v1beta1 `ready`.
 */
export const infraClusterStatus = z.object({
  initialization: initializationSchema.optional(),
  ready: z.boolean().optional(),
  failureDomains: listType(z.array(failureDomainSchema).min(1).max(100), 'map', ['name']).optional(),
  conditions: conditionsSchema.optional(),
});

/** `spec.template.metadata` of a template kind: only labels and annotations (Cluster API's `ObjectMeta`). */
export const templateMetadataSchema = z.object({
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/**
 * The spec of a `<Kind>Template` (mandatory for InfraMachine, needed by ClusterClass for InfraCluster):
 * `{ template: { metadata?, spec } }`, with `spec` the spec schema of the templated kind.
 */
export function templateSpecOf<Spec extends z.ZodType>(spec: Spec) {
  return z.object({ template: z.object({ metadata: templateMetadataSchema.optional(), spec }) });
}
