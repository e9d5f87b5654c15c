import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { CATEGORIES, GROUP } from '../common/names.js';
import { openStackMachineSpecSchema } from './machine-spec.js';

const QUANTITY =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/** A Kubernetes resource quantity (`resource.Quantity`): a number, or a string such as `4Gi` or `500m`. */
export const quantitySchema = z
  .union([z.int(), z.string().regex(QUANTITY)])
  .meta({ 'x-kubernetes-int-or-string': true, pattern: QUANTITY.source });

/**
 * `OpenStackMachineTemplateStatus`: what a machine from this template offers, for the cluster autoscaler's
 * scale from zero (filled from the flavor and image when the AutoScaleFromZero feature is on).
 */
export const openStackMachineTemplateStatusSchema = z.object({
  capacity: z.record(z.string(), quantitySchema).optional(),
  nodeInfo: z.object({ operatingSystem: z.string().optional() }).meta({ minProperties: 1 }).optional(),
});

/** An OpenStackMachine spec for MachineDeployments, MachineSets and control planes; it cannot change. */
export const OpenStackMachineTemplate = defineResource({
  group: GROUP,
  version: 'v1beta1',
  kind: 'OpenStackMachineTemplate',
  plural: 'openstackmachinetemplates',
  shortNames: ['osmt'],
  categories: CATEGORIES,
  scope: 'Namespaced',
  description: 'A template of OpenStackMachine specs.',
  spec: z.object({ template: z.object({ spec: openStackMachineSpecSchema }) }),
  status: openStackMachineTemplateStatusSchema,
});

/** A v1beta1 OpenStackMachineTemplate object. */
export type OpenStackMachineTemplate = InferResource<typeof OpenStackMachineTemplate>;
