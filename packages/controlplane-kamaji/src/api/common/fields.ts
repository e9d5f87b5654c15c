import { z } from 'zod';
import { addonsSchema } from './addons.js';
import {
  admissionControllerSchema,
  controlPlaneComponentSchema,
  dataStoreOverrideSchema,
  kineComponentSchema,
  kubeletSpecSchema,
} from './components.js';
import { deploymentComponentSchema } from './deployment.js';
import { networkSchema, networkV1alpha1Schema } from './network.js';

const commonFields = {
  dataStoreName: z.string().optional(),
  dataStoreSchema: z.string().optional(),
  dataStoreUsername: z
    .string()
    .meta({
      'x-kubernetes-validations': [
        { rule: 'self == oldSelf', message: 'changing the dataStoreUsername is not supported' },
      ],
    })
    .optional(),
  dataStoreOverrides: z.array(dataStoreOverrideSchema).optional(),
  admissionControllers: z.array(admissionControllerSchema).optional(),
  registry: z.string().default('registry.k8s.io'),
  apiServer: controlPlaneComponentSchema.optional(),
  controllerManager: controlPlaneComponentSchema.optional(),
  scheduler: controlPlaneComponentSchema.optional(),
  kine: kineComponentSchema.optional(),
  kubelet: kubeletSpecSchema.prefault({
    preferredAddressTypes: ['InternalIP', 'ExternalIP', 'Hostname'],
    cgroupfs: 'systemd',
  }),
  deployment: deploymentComponentSchema.optional(),
};

/** `KamajiControlPlaneFields` of `v1alpha2`: everything a KamajiControlPlaneTemplate can also carry. */
export const controlPlaneFieldsShape = {
  ...commonFields,
  addons: addonsSchema({ serverSecurityContext: true }).optional(),
  network: networkSchema,
};

/** `KamajiControlPlaneFields` of `v1alpha1`. */
export const controlPlaneFieldsV1alpha1Shape = {
  ...commonFields,
  addons: addonsSchema({ serverSecurityContext: false }).optional(),
  network: networkV1alpha1Schema,
};
