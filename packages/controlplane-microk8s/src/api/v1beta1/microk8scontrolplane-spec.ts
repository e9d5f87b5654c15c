import { microK8sConfigSpecSchema } from '@capi-ts/bootstrap-microk8s';
import { celRule, mapType } from '@capi-ts/sdk';
import { z } from 'zod';

/** How version changes are rolled out (CACPM's enum; empty means SmartUpgrade). */
export const upgradeStrategySchema = z
  .enum(['InPlaceUpgrade', 'RollingUpgrade', 'SmartUpgrade'])
  .describe(
    'InPlaceUpgrade refreshes the snap on each node, RollingUpgrade replaces the Machines one at a time, ' +
      'SmartUpgrade (the default) rolls control planes of 3 or more Machines and upgrades smaller ones in place.',
  );

/** A `corev1.ObjectReference` as CACPM's `machineTemplate.infrastructureTemplate` is typed. */
export const objectReferenceSchema = mapType(
  z
    .object({
      apiVersion: z.string().describe('API version of the referent.').optional(),
      fieldPath: z.string().describe('A field inside the referent, if any.').optional(),
      kind: z.string().describe('Kind of the referent.').optional(),
      name: z.string().describe('Name of the referent.').optional(),
      namespace: z.string().describe('Namespace of the referent.').optional(),
      resourceVersion: z.string().describe('Resource version of the referent.').optional(),
      uid: z.string().describe('UID of the referent.').optional(),
    })
    .describe('A reference to an object.'),
  'atomic',
);

/** The v1beta2 contract's `ContractVersionedObjectReference` (what ClusterClass topology writes). */
export const contractReferenceSchema = z
  .object({
    apiGroup: z.string().describe('API group of the referent.'),
    kind: z.string().describe('Kind of the referent.'),
    name: z.string().describe('Name of the referent.'),
  })
  .describe('A reference to an object by API group, kind and name.');

/** Labels and annotations propagated to the control-plane Machines. */
export const machineMetadataSchema = z
  .object({
    labels: z.record(z.string(), z.string()).describe('Labels added to each Machine.').optional(),
    annotations: z.record(z.string(), z.string()).describe('Annotations added to each Machine.').optional(),
  })
  .describe('Metadata of the control-plane Machines.');

/**
 * `spec.machineTemplate`: CACPM's `infrastructureTemplate`, plus the places where Cluster API's topology
 * controller writes the infrastructure template of a ClusterClass (`infrastructureRef` for the v1beta1
 * contract, `spec.infrastructureRef` for v1beta2). In a template all are optional (ClusterClass supplies it).
 */
export const templateMachineTemplateSchema = z
  .object({
    infrastructureTemplate: objectReferenceSchema
      .describe('The infrastructure machine template cloned for each control-plane Machine.')
      .optional(),
    infrastructureRef: objectReferenceSchema
      .describe('Same as infrastructureTemplate; set by ClusterClass topology (v1beta1 contract).')
      .optional(),
    spec: z
      .object({
        infrastructureRef: contractReferenceSchema
          .describe('Same as infrastructureTemplate; set by ClusterClass topology (v1beta2 contract).')
          .optional(),
      })
      .describe('Machine spec fields of the v1beta2 contract.')
      .optional(),
    metadata: machineMetadataSchema.optional(),
  })
  .describe('The template of the control-plane Machines.');

/** `spec.machineTemplate` of a MicroK8sControlPlane: one of the three infrastructure references must be set. */
export const machineTemplateSchema = celRule(
  templateMachineTemplateSchema,
  'has(self.infrastructureTemplate) || has(self.infrastructureRef) || (has(self.spec) && has(self.spec.infrastructureRef))',
  'one of infrastructureTemplate, infrastructureRef or spec.infrastructureRef is required',
);

/** Fields that a MicroK8sControlPlaneTemplate shares with a MicroK8sControlPlane. */
export const templatableSpecShape = {
  upgradeStrategy: upgradeStrategySchema.optional(),
  controlPlaneConfig: microK8sConfigSpecSchema
    .describe('The MicroK8sConfig spec of every control-plane Machine.')
    .optional(),
};

/** `version`: upstream's pattern (the leading `v` is mandatory). */
export const versionSchema = z
  .string()
  .min(2)
  // biome-ignore lint/complexity/noUselessEscapeInRegex: upstream's pattern, so the CRD matches CACPM's exactly.
  .regex(/^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)([-0-9a-zA-Z_\.+]*)?$/)
  .describe('The Kubernetes version, for example v1.30.1.');

/** `spec` of a MicroK8sControlPlane. */
export const microK8sControlPlaneSpecSchema = z
  .object({
    replicas: z
      .int()
      .meta({ format: 'int32' })
      .default(1)
      .describe('Number of control-plane Machines (defaults to 1).')
      .optional(),
    version: versionSchema,
    machineTemplate: machineTemplateSchema,
    ...templatableSpecShape,
  })
  .describe('The desired state of a MicroK8sControlPlane.');

/** `spec` of a MicroK8sControlPlane. */
export type MicroK8sControlPlaneSpec = z.output<typeof microK8sControlPlaneSpecSchema>;
/** `spec.machineTemplate` of a MicroK8sControlPlane. */
export type MachineTemplate = z.output<typeof machineTemplateSchema>;
/** An upgrade strategy. */
export type UpgradeStrategy = z.output<typeof upgradeStrategySchema>;
