import type { PrinterColumn } from '@capi-ts/sdk';

/** The API group of the provider's kinds. */
export const GROUP = 'controlplane.cluster.x-k8s.io';

/** `kubectl get cluster-api` and `kubectl get kamaji` list the provider's objects. */
export const CATEGORIES = ['cluster-api', 'kamaji'];

const printer = (name: string, jsonPath: string, type: PrinterColumn['type'], description: string): PrinterColumn => ({
  name,
  jsonPath,
  type,
  description,
});

/** The printer columns of a KamajiControlPlane, given where the version keeps the "initialized" flag. */
export function controlPlanePrinterColumns(initializedPath: string): PrinterColumn[] {
  return [
    printer('Version', '.spec.version', 'string', 'The desired Kubernetes version'),
    printer('Initialized', initializedPath, 'boolean', 'Check if the Kamaji Control Plane has been initialized'),
    printer('Ready', '.status.ready', 'boolean', 'Check if the Kamaji Control Plane is up and running'),
    printer('Age', '.metadata.creationTimestamp', 'date', 'Age'),
  ];
}

/** `/scale` of a KamajiControlPlane: replicas from the spec, observed replicas and selector from the status. */
export const SCALE_SUBRESOURCE = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  labelSelectorPath: '.status.selector',
};
