import {
  buildComponents,
  buildMetadata,
  type ClusterctlMetadata,
  type ComponentsSpec,
  type KubeObject,
  variableReference,
} from '@capi-ts/sdk';
import { lxcClusterCrd, lxcClusterTemplateCrd, lxcMachineCrd, lxcMachineTemplateCrd } from '../api/crds.js';
import { providerInfo } from '../index.js';

/** The manager image; clusterctl substitutes the variable, the default is this release's image. */
export function managerImage(version: string): string {
  return variableReference('CAPN_IMAGE', `ghcr.io/capi-ts/provider-incus:${version}`);
}

/**
 * What `infrastructure-components.yaml` holds: the CRDs and the manager's RBAC and Deployment, named as CAPN's
 * (`capn-controller-manager` in `capn-system`), with CAPN's permissions: identity and bootstrap Secrets, Clusters,
 * Machines and MachineSets read; the LXC kinds and their status and finalizers managed.
 */
export function componentsSpec(version: string): ComponentsSpec {
  return {
    provider: { name: providerInfo.name, type: providerInfo.type },
    namePrefix: 'capn',
    image: managerImage(version),
    crds: [lxcClusterCrd, lxcClusterTemplateCrd, lxcMachineCrd, lxcMachineTemplateCrd],
    rbac: {
      clusterRules: [
        {
          apiGroups: ['infrastructure.cluster.x-k8s.io'],
          resources: ['lxcclusters', 'lxcmachines'],
          verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
        },
        {
          apiGroups: ['infrastructure.cluster.x-k8s.io'],
          resources: ['lxcclusters/status', 'lxcclusters/finalizers', 'lxcmachines/status', 'lxcmachines/finalizers'],
          verbs: ['get', 'patch', 'update'],
        },
        {
          apiGroups: ['infrastructure.cluster.x-k8s.io'],
          resources: ['lxcclustertemplates', 'lxcmachinetemplates'],
          verbs: ['get', 'list', 'watch'],
        },
        {
          apiGroups: ['cluster.x-k8s.io'],
          resources: ['clusters', 'clusters/status', 'machines', 'machines/status', 'machinesets'],
          verbs: ['get', 'list', 'watch'],
        },
        { apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
      ],
    },
  };
}

/** The objects of `infrastructure-components.yaml` for a release. */
export function releaseComponents(version: string): KubeObject[] {
  return buildComponents(componentsSpec(version));
}

/** `metadata.yaml`: this provider's release series and the Cluster API contract each implements. */
export function releaseMetadata(): ClusterctlMetadata {
  return buildMetadata({ releaseSeries: [{ major: 0, minor: 1, contract: 'v1beta2' }] });
}
