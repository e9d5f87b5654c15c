// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import {
  buildComponents,
  buildMetadata,
  type ClusterctlMetadata,
  type ComponentsSpec,
  componentNames,
  type KubeObject,
  manifestLabel,
  PROVIDER_LABEL,
  variableReference,
} from '@capi-ts/sdk';
import { kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd } from '../api/crds.js';
import { providerInfo } from '../index.js';
import { extraRbacObjects } from './extra-rbac.js';

/** The manager image; clusterctl substitutes the variable, the default is this release's image. */
export function managerImage(version: string): string {
  return variableReference('CACPPK_IMAGE', `ghcr.io/capi-ts/controlplane-kamaji:${version}`);
}

const NAME_PREFIX = 'capi-kamaji';
const NAMESPACE = 'kamaji-system';

/** Upstream's feature gates, each set from the manifest variable upstream uses. */
const FEATURE_GATES = [
  'ExternalClusterReference=${CACPPK_EXTERNAL_CLUSTER_REFERENCE:=false}',
  'ExternalClusterReferenceCrossNamespace=${CACPPK_EXTERNAL_CLUSTER_REFERENCE_CROSS_NAMESPACE:=false}',
  'SkipInfraClusterPatch=${CACPPK_SKIP_INFRA_CLUSTER_PATCH:=false}',
  'DynamicInfrastructureClusterPatch=${CACPPK_DYNAMIC_INFRASTRUCTURE_CLUSTER_PATCH:=false}',
].join(',');

/**
 * What `control-plane-components.yaml` holds: both CRDs (served by the conversion webhook), the manager's RBAC and
 * Deployment in `kamaji-system` with upstream's flags and variables.
 */
export function componentsSpec(version: string): ComponentsSpec {
  return {
    provider: { name: providerInfo.name, type: providerInfo.type },
    namePrefix: NAME_PREFIX,
    namespace: NAMESPACE,
    image: managerImage(version),
    crds: [kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd],
    rbac: {
      clusterRules: [
        {
          apiGroups: ['controlplane.cluster.x-k8s.io'],
          resources: ['kamajicontrolplanes', 'kamajicontrolplanes/status', 'kamajicontrolplanes/finalizers'],
          verbs: ['get', 'list', 'watch', 'patch', 'update'],
        },
        {
          apiGroups: ['controlplane.cluster.x-k8s.io'],
          resources: ['kamajicontrolplanetemplates'],
          verbs: ['get', 'list', 'watch'],
        },
        { apiGroups: ['cluster.x-k8s.io'], resources: ['clusters'], verbs: ['get', 'list', 'watch'] },
        {
          apiGroups: ['kamaji.clastix.io'],
          resources: ['tenantcontrolplanes'],
          verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
        },
        {
          apiGroups: ['infrastructure.cluster.x-k8s.io'],
          resources: ['*'],
          verbs: ['get', 'list', 'watch', 'patch', 'update'],
        },
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
      ],
    },
    manager: {
      extraArgs: [
        `--feature-gates=${FEATURE_GATES}`,
        // clusterctl treats an empty default as unset, so the empty default is a quoted empty string.
        '--dynamic-infrastructure-clusters=${CACPPK_INFRASTRUCTURE_CLUSTERS:=""}',
        '--max-concurrent-reconciles=${CACPPK_MAX_CONCURRENT_RECONCILES:=1}',
      ],
    },
    webhooks: { conversion: {} },
  };
}

/**
 * The objects of `control-plane-components.yaml` for a release: the SDK's components, then the extra RBAC of
 * {@link extraRbacObjects} (with the provider label, like every other object).
 */
export function releaseComponents(version: string): KubeObject[] {
  const components = buildComponents(componentsSpec(version));
  const providerLabel = manifestLabel({ name: providerInfo.name, type: providerInfo.type });
  const names = componentNames(NAME_PREFIX, NAMESPACE);
  const extras = extraRbacObjects({
    namespace: NAMESPACE,
    serviceAccount: names.serviceAccount,
    namePrefix: NAME_PREFIX,
  });
  for (const object of extras) object.metadata.labels = { ...object.metadata.labels, [PROVIDER_LABEL]: providerLabel };
  return [...components, ...extras];
}

/** `metadata.yaml`: this provider's release series and the Cluster API contract it implements. */
export function releaseMetadata(): ClusterctlMetadata {
  return buildMetadata({ releaseSeries: [{ major: 0, minor: 1, contract: 'v1beta2' }] });
}
