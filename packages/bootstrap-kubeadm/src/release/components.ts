// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import {
  buildComponents,
  buildMetadata,
  type ClusterctlMetadata,
  type ComponentsSpec,
  type KubeObject,
  variableReference,
} from '@capi-ts/sdk';
import { kubeadmConfigCrd, kubeadmConfigTemplateCrd } from '../api/crds.js';
import { providerInfo } from '../provider-info.js';
import { WebhookPath } from '../webhooks/admission.js';

/** The manager image; clusterctl substitutes the variable, the default is this release's image. */
export function managerImage(version: string): string {
  return variableReference('CAPI_KUBEADM_BOOTSTRAP_IMAGE', `ghcr.io/capi-ts/bootstrap-kubeadm:${version}`);
}

const validationRule = (resource: string) => ({
  apiGroups: ['bootstrap.cluster.x-k8s.io'],
  apiVersions: ['v1beta2'],
  operations: ['CREATE' as const, 'UPDATE' as const],
  resources: [resource],
});

/**
 * What `bootstrap-components.yaml` holds, as CABPK's: both CRDs (converted by the manager's webhook), the validating
 * webhooks, the manager's RBAC and Deployment in `capi-kubeadm-bootstrap-system` with upstream's flags and
 * variables (`KUBEADM_BOOTSTRAP_TOKEN_TTL`, `EXP_MACHINE_POOL`, `EXP_KUBEADM_BOOTSTRAP_FORMAT_IGNITION`).
 */
export function componentsSpec(version: string): ComponentsSpec {
  return {
    provider: { name: providerInfo.name, type: providerInfo.type },
    namePrefix: 'capi-kubeadm-bootstrap',
    image: managerImage(version),
    crds: [kubeadmConfigCrd, kubeadmConfigTemplateCrd],
    rbac: {
      clusterRules: [
        {
          apiGroups: ['bootstrap.cluster.x-k8s.io'],
          resources: ['kubeadmconfigs', 'kubeadmconfigs/status'],
          verbs: ['get', 'list', 'watch', 'patch', 'update'],
        },
        {
          apiGroups: ['bootstrap.cluster.x-k8s.io'],
          resources: ['kubeadmconfigtemplates'],
          verbs: ['get', 'list', 'watch'],
        },
        {
          apiGroups: ['cluster.x-k8s.io'],
          resources: ['clusters', 'machines', 'machinepools'],
          verbs: ['get', 'list', 'watch'],
        },
        // `contentFormat: Template` reads the version of whatever control plane the Cluster references.
        { apiGroups: ['controlplane.cluster.x-k8s.io'], resources: ['*'], verbs: ['get'] },
        {
          apiGroups: ['apiextensions.k8s.io'],
          resources: ['customresourcedefinitions'],
          verbs: ['get', 'list', 'watch'],
        },
        {
          apiGroups: [''],
          resources: ['secrets'],
          verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'],
        },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
      ],
    },
    manager: {
      extraArgs: [
        '--feature-gates=MachinePool=${EXP_MACHINE_POOL:=true},KubeadmBootstrapFormatIgnition=${EXP_KUBEADM_BOOTSTRAP_FORMAT_IGNITION:=false}',
        '--bootstrap-token-ttl=${KUBEADM_BOOTSTRAP_TOKEN_TTL:=15m}',
        '--bootstrap-data-gzip=${CAPI_KUBEADM_BOOTSTRAP_DATA_GZIP:=false}',
        '--bootstrap-data-size-limit=${CAPI_KUBEADM_BOOTSTRAP_DATA_SIZE_LIMIT:=16384}',
        '--concurrency=${CAPI_KUBEADM_BOOTSTRAP_CONCURRENCY:=10}',
      ],
    },
    webhooks: {
      conversion: {},
      validating: [
        {
          name: 'validation.kubeadmconfig.bootstrap.cluster.x-k8s.io',
          path: WebhookPath.kubeadmConfig,
          rules: [validationRule('kubeadmconfigs')],
        },
        {
          name: 'validation.kubeadmconfigtemplate.bootstrap.cluster.x-k8s.io',
          path: WebhookPath.kubeadmConfigTemplate,
          rules: [validationRule('kubeadmconfigtemplates')],
        },
      ],
    },
  };
}

/** The objects of `bootstrap-components.yaml` for a release. */
export function releaseComponents(version: string): KubeObject[] {
  return buildComponents(componentsSpec(version));
}

/** `metadata.yaml`: this provider's release series and the Cluster API contract it implements. */
export function releaseMetadata(): ClusterctlMetadata {
  return buildMetadata({ releaseSeries: [{ major: 0, minor: 1, contract: 'v1beta2' }] });
}
