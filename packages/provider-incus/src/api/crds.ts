import { defineCustomResourceDefinition } from '@capi-ts/sdk';
import {
  lxcClusterResource,
  lxcClusterTemplateResource,
  lxcMachineResource,
  lxcMachineTemplateResource,
} from './v1alpha2/index.js';

/** `cluster.x-k8s.io/provider` of this provider's CRDs, as CAPN labels them. */
export const PROVIDER_LABEL = 'infrastructure-incus';

/**
 * Contract labels: v1alpha2 implements both the v1beta1 contract (CAPN's label) and the v1beta2 contract
 * (`status.initialization.provisioned` and v1beta2 conditions), so Cluster API v1.14 and older releases resolve it.
 */
const contract = { v1beta1: ['v1alpha2'], v1beta2: ['v1alpha2'] };
const labels = { 'cluster.x-k8s.io/provider': PROVIDER_LABEL };

/** The CRD of LXCCluster. */
export const lxcClusterCrd = defineCustomResourceDefinition({ versions: [lxcClusterResource], contract, labels });
/** The CRD of LXCClusterTemplate. */
export const lxcClusterTemplateCrd = defineCustomResourceDefinition({
  versions: [lxcClusterTemplateResource],
  contract,
  labels,
});
/** The CRD of LXCMachine. */
export const lxcMachineCrd = defineCustomResourceDefinition({ versions: [lxcMachineResource], contract, labels });
/** The CRD of LXCMachineTemplate. */
export const lxcMachineTemplateCrd = defineCustomResourceDefinition({
  versions: [lxcMachineTemplateResource],
  contract,
  labels,
});
