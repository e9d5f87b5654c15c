import { defineResource, type InferResource } from '@capi-ts/sdk';
import { microK8sControlPlaneSpecSchema } from './microk8scontrolplane-spec.js';
import { microK8sControlPlaneStatusSchema } from './microk8scontrolplane-status.js';

/** MicroK8sControlPlane: a set of MicroK8s control-plane Machines (CACPM's kind, same wire format). */
export const MicroK8sControlPlane = defineResource({
  group: 'controlplane.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'MicroK8sControlPlane',
  plural: 'microk8scontrolplanes',
  shortNames: ['mcp'],
  categories: ['cluster-api'],
  scope: 'Namespaced',
  description: 'MicroK8sControlPlane is the control plane of a MicroK8s workload cluster.',
  spec: microK8sControlPlaneSpecSchema.optional(),
  status: microK8sControlPlaneStatusSchema,
  subresources: {
    status: true,
    scale: {
      labelSelectorPath: '.status.selector',
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas',
    },
  },
  printerColumns: [
    { name: 'Ready', type: 'boolean', jsonPath: '.status.ready', description: 'The API server accepts requests' },
    {
      name: 'Initialized',
      type: 'boolean',
      jsonPath: '.status.initialized',
      description: 'The first control-plane node is up',
    },
    { name: 'Replicas', type: 'integer', jsonPath: '.status.replicas', description: 'Control-plane Machines' },
    {
      name: 'Ready Replicas',
      type: 'integer',
      jsonPath: '.status.readyReplicas',
      description: 'Ready control-plane nodes',
    },
    {
      name: 'Unavailable Replicas',
      type: 'integer',
      jsonPath: '.status.unavailableReplicas',
      description: 'Control-plane Machines that are not Ready',
    },
    { name: 'Version', type: 'string', jsonPath: '.spec.version', description: 'Desired Kubernetes version' },
  ],
});

/** A MicroK8sControlPlane object. */
export type MicroK8sControlPlane = InferResource<typeof MicroK8sControlPlane>;
