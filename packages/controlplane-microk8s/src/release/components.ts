// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import {
  buildComponents,
  buildMetadata,
  type ClusterctlMetadata,
  type ComponentsSpec,
  type KubeObject,
} from '@capi-ts/sdk';
import { microK8sControlPlaneCrd, microK8sControlPlaneTemplateCrd } from '../api/crds.js';
import { providerInfo } from '../provider-info.js';

/** The manager image; clusterctl substitutes the variable, the default is this release's image. */
export function managerImage(version: string): string {
  return `\${CAPI_MICROK8S_CONTROL_PLANE_IMAGE:=ghcr.io/capi-ts/controlplane-microk8s:${version}}`;
}

const read = ['get', 'list', 'watch'];

/**
 * What `control-plane-components.yaml` holds: the CRDs, the manager's RBAC and Deployment in
 * capi-microk8s-control-plane-system (CACPM's namespace).
 */
export function componentsSpec(version: string): ComponentsSpec {
  return {
    provider: { name: providerInfo.name, type: providerInfo.type },
    namePrefix: 'capi-microk8s-control-plane',
    image: managerImage(version),
    crds: [microK8sControlPlaneCrd, microK8sControlPlaneTemplateCrd],
    rbac: {
      clusterRules: [
        {
          apiGroups: ['controlplane.cluster.x-k8s.io'],
          resources: ['microk8scontrolplanes', 'microk8scontrolplanes/status'],
          verbs: [...read, 'patch', 'update'],
        },
        { apiGroups: ['controlplane.cluster.x-k8s.io'], resources: ['microk8scontrolplanetemplates'], verbs: read },
        { apiGroups: ['cluster.x-k8s.io'], resources: ['clusters'], verbs: read },
        { apiGroups: ['cluster.x-k8s.io'], resources: ['machines'], verbs: [...read, 'create', 'patch', 'delete'] },
        // The Machines' UpToDate condition.
        { apiGroups: ['cluster.x-k8s.io'], resources: ['machines/status'], verbs: ['get', 'patch'] },
        {
          apiGroups: ['bootstrap.cluster.x-k8s.io'],
          resources: ['microk8sconfigs'],
          verbs: [...read, 'create', 'delete'],
        },
        // Infrastructure templates are read and cloned, whatever the infrastructure provider.
        { apiGroups: ['infrastructure.cluster.x-k8s.io'], resources: ['*'], verbs: [...read, 'create', 'delete'] },
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: read },
        { apiGroups: [''], resources: ['secrets'], verbs: [...read, 'create', 'delete'] },
      ],
    },
    manager: { extraArgs: ['--concurrency=${CAPI_MICROK8S_CONTROL_PLANE_CONCURRENCY:=10}'] },
  };
}

/** The objects of `control-plane-components.yaml` for a release. */
export function releaseComponents(version: string): KubeObject[] {
  return buildComponents(componentsSpec(version));
}

/** `metadata.yaml`: this provider's release series and the Cluster API contract each implements. */
export function releaseMetadata(): ClusterctlMetadata {
  return buildMetadata({ releaseSeries: [{ major: 0, minor: 1, contract: 'v1beta2' }] });
}
