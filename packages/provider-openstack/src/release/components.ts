import {
  type AdmissionWebhookSpec,
  buildMetadata,
  type ClusterctlMetadata,
  type ComponentsSpec,
  type PolicyRule,
  variableReference,
} from '@capi-ts/sdk';
import { GROUP } from '../api/common/names.js';
import { openStackCrds } from '../api/crds.js';
import { providerInfo } from '../index.js';
import { openStackWebhooks } from '../webhooks/index.js';

/** The manager image; clusterctl substitutes the variable, the default is this release's image. */
export function managerImage(version: string): string {
  return variableReference('CAPO_IMAGE', `ghcr.io/capi-ts/provider-openstack:${version}`);
}

const READ = ['get', 'list', 'watch'];
const ALL = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** CAPO's ClusterRole (`capo-manager-role`): what its reconcilers read and write. */
const CLUSTER_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'get', 'list', 'patch', 'update', 'watch'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ALL },
  // OpenStackClusterIdentity's namespaceSelector is matched against the labels of the object's Namespace.
  { apiGroups: [''], resources: ['namespaces'], verbs: READ },
  {
    apiGroups: ['cluster.x-k8s.io'],
    resources: ['clusters', 'clusters/status', 'machines', 'machines/status'],
    verbs: READ,
  },
  {
    apiGroups: [GROUP],
    resources: ['openstackclusters', 'openstackmachines', 'openstackservers', 'openstackfloatingippools'],
    verbs: ALL,
  },
  {
    apiGroups: [GROUP],
    resources: [
      'openstackclusters/status',
      'openstackmachines/status',
      'openstackservers/status',
      'openstackfloatingippools/status',
      'openstackmachinetemplates/status',
    ],
    verbs: ['get', 'patch', 'update'],
  },
  {
    apiGroups: [GROUP],
    resources: ['openstackclustertemplates', 'openstackmachinetemplates', 'openstackclusteridentities'],
    verbs: READ,
  },
  { apiGroups: ['ipam.cluster.x-k8s.io'], resources: ['ipaddressclaims', 'ipaddressclaims/status'], verbs: ALL },
  { apiGroups: ['ipam.cluster.x-k8s.io'], resources: ['ipaddresses', 'ipaddresses/status'], verbs: ALL },
  // ORC's Image kind is optional: without its CRD the manager runs and image references by name still work.
  { apiGroups: ['openstack.k-orc.cloud'], resources: ['images', 'images/status'], verbs: READ },
];

/** CAPO's validating webhooks, served at the paths the manager registers. */
const VALIDATING_WEBHOOKS: readonly AdmissionWebhookSpec[] = openStackWebhooks.map(
  ({ name, path, version, resource }) => ({
    name,
    path,
    rules: [{ apiGroups: [GROUP], apiVersions: [version], operations: ['CREATE', 'UPDATE'], resources: [resource] }],
  }),
);

/**
 * What `infrastructure-components.yaml` holds: every CRD (with CAPO's contract labels), the manager's RBAC and
 * Deployment named as CAPO's (`capo-controller-manager` in `capo-system`), and CAPO's validating webhooks with a
 * cert-manager certificate.
 */
export function componentsSpec(version: string): ComponentsSpec {
  return {
    provider: { name: providerInfo.name, type: providerInfo.type },
    namePrefix: 'capo',
    image: managerImage(version),
    crds: openStackCrds,
    rbac: { clusterRules: CLUSTER_RULES },
    webhooks: { validating: VALIDATING_WEBHOOKS },
  };
}

/** `metadata.yaml`: this provider's release series and the Cluster API contract of each, CAPO v0.14's `v1beta1`. */
export function releaseMetadata(): ClusterctlMetadata {
  return buildMetadata({ releaseSeries: [{ major: 0, minor: 1, contract: 'v1beta1' }] });
}
