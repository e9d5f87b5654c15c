// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import {
  buildComponents,
  buildMetadata,
  type ClusterctlMetadata,
  type ComponentsSpec,
  type KubeObject,
  variableReference,
} from '@capi-ts/sdk';
import { microK8sConfigCrd, microK8sConfigTemplateCrd } from '../api/crds.js';
import { providerInfo } from '../provider-info.js';

/** The manager image; clusterctl substitutes the variable, the default is this release's image. */
export function managerImage(version: string): string {
  return variableReference('CAPI_MICROK8S_BOOTSTRAP_IMAGE', `ghcr.io/capi-ts/bootstrap-microk8s:${version}`);
}

/** What `bootstrap-components.yaml` holds: the CRDs, the manager's RBAC and Deployment in capi-microk8s-bootstrap-system. */
export function componentsSpec(version: string): ComponentsSpec {
  return {
    provider: { name: providerInfo.name, type: providerInfo.type },
    namePrefix: 'capi-microk8s-bootstrap',
    image: managerImage(version),
    crds: [microK8sConfigCrd, microK8sConfigTemplateCrd],
    rbac: {
      clusterRules: [
        {
          apiGroups: ['bootstrap.cluster.x-k8s.io'],
          resources: ['microk8sconfigs', 'microk8sconfigs/status'],
          verbs: ['get', 'list', 'watch', 'patch', 'update'],
        },
        {
          apiGroups: ['bootstrap.cluster.x-k8s.io'],
          resources: ['microk8sconfigtemplates'],
          verbs: ['get', 'list', 'watch'],
        },
        {
          apiGroups: ['cluster.x-k8s.io'],
          resources: ['clusters', 'machines', 'machinepools'],
          verbs: ['get', 'list', 'watch'],
        },
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch', 'create'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
      ],
    },
    manager: { extraArgs: ['--concurrency=${CAPI_MICROK8S_BOOTSTRAP_CONCURRENCY:=10}'] },
  };
}

/** The objects of `bootstrap-components.yaml` for a release. */
export function releaseComponents(version: string): KubeObject[] {
  return buildComponents(componentsSpec(version));
}

/** `metadata.yaml`: this provider's release series and the Cluster API contract each implements. */
export function releaseMetadata(): ClusterctlMetadata {
  return buildMetadata({ releaseSeries: [{ major: 0, minor: 1, contract: 'v1beta2' }] });
}
