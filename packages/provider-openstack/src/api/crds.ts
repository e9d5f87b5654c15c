import { defineCustomResourceDefinition } from '@capi-ts/sdk';
import { V1BETA1_CONTRACT } from './common/names.js';
import { OpenStackClusterIdentity } from './v1alpha1/openstack-cluster-identity.js';
import { OpenStackFloatingIPPool } from './v1alpha1/openstack-floating-ip-pool.js';
import { OpenStackServer } from './v1alpha1/openstack-server.js';
import { OpenStackCluster } from './v1beta1/openstack-cluster.js';
import { OpenStackClusterTemplate } from './v1beta1/openstack-cluster-template.js';
import { OpenStackMachine } from './v1beta1/openstack-machine.js';
import { OpenStackMachineTemplate } from './v1beta1/openstack-machine-template.js';

/**
 * CAPO v0.14 serves one version per kind, so there is nothing to convert: v1beta1 for the Cluster API kinds,
 * v1alpha1 for the others (v1alpha7 and older were removed upstream in v0.13).
 *
 * CAPO's kustomization puts the label `cluster.x-k8s.io/v1beta1: v1beta1` on every CRD, including the v1alpha1
 * ones, where it names no served version; Cluster API reads it only on the kinds it references, and it is kept
 * as upstream has it so that both providers' CRDs carry the same labels.
 */
const UPSTREAM_CONTRACT_LABEL = { 'cluster.x-k8s.io/v1beta1': 'v1beta1' };

/** The OpenStackCluster CRD. */
export const openStackClusterCrd = defineCustomResourceDefinition({
  versions: [OpenStackCluster],
  contract: V1BETA1_CONTRACT,
});

/** The OpenStackClusterTemplate CRD. */
export const openStackClusterTemplateCrd = defineCustomResourceDefinition({
  versions: [OpenStackClusterTemplate],
  contract: V1BETA1_CONTRACT,
});

/** The OpenStackMachine CRD. */
export const openStackMachineCrd = defineCustomResourceDefinition({
  versions: [OpenStackMachine],
  contract: V1BETA1_CONTRACT,
});

/** The OpenStackMachineTemplate CRD. */
export const openStackMachineTemplateCrd = defineCustomResourceDefinition({
  versions: [OpenStackMachineTemplate],
  contract: V1BETA1_CONTRACT,
});

/** The OpenStackServer CRD. */
export const openStackServerCrd = defineCustomResourceDefinition({
  versions: [OpenStackServer],
  labels: UPSTREAM_CONTRACT_LABEL,
});

/** The OpenStackFloatingIPPool CRD. */
export const openStackFloatingIPPoolCrd = defineCustomResourceDefinition({
  versions: [OpenStackFloatingIPPool],
  labels: UPSTREAM_CONTRACT_LABEL,
});

/** The OpenStackClusterIdentity CRD. */
export const openStackClusterIdentityCrd = defineCustomResourceDefinition({
  versions: [OpenStackClusterIdentity],
  labels: UPSTREAM_CONTRACT_LABEL,
});

/** Every CRD of the provider. */
export const openStackCrds = [
  openStackClusterCrd,
  openStackClusterTemplateCrd,
  openStackMachineCrd,
  openStackMachineTemplateCrd,
  openStackServerCrd,
  openStackFloatingIPPoolCrd,
  openStackClusterIdentityCrd,
];
