import type { KubeObject } from '@capi-ts/sdk';

/** API group/version and plural of the kinds provider components hold. */
const RESOURCES: Readonly<Record<string, { prefix: string; plural: string; namespaced: boolean }>> = {
  Namespace: { prefix: '/api/v1', plural: 'namespaces', namespaced: false },
  ServiceAccount: { prefix: '/api/v1', plural: 'serviceaccounts', namespaced: true },
  Service: { prefix: '/api/v1', plural: 'services', namespaced: true },
  Secret: { prefix: '/api/v1', plural: 'secrets', namespaced: true },
  ConfigMap: { prefix: '/api/v1', plural: 'configmaps', namespaced: true },
  Deployment: { prefix: '/apis/apps/v1', plural: 'deployments', namespaced: true },
  CustomResourceDefinition: {
    prefix: '/apis/apiextensions.k8s.io/v1',
    plural: 'customresourcedefinitions',
    namespaced: false,
  },
  Role: { prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'roles', namespaced: true },
  RoleBinding: { prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'rolebindings', namespaced: true },
  ClusterRole: { prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'clusterroles', namespaced: false },
  ClusterRoleBinding: {
    prefix: '/apis/rbac.authorization.k8s.io/v1',
    plural: 'clusterrolebindings',
    namespaced: false,
  },
  ValidatingWebhookConfiguration: {
    prefix: '/apis/admissionregistration.k8s.io/v1',
    plural: 'validatingwebhookconfigurations',
    namespaced: false,
  },
  MutatingWebhookConfiguration: {
    prefix: '/apis/admissionregistration.k8s.io/v1',
    plural: 'mutatingwebhookconfigurations',
    namespaced: false,
  },
  Issuer: { prefix: '/apis/cert-manager.io/v1', plural: 'issuers', namespaced: true },
  Certificate: { prefix: '/apis/cert-manager.io/v1', plural: 'certificates', namespaced: true },
};

/** The kinds {@link collectionPath} knows. */
export const KNOWN_KINDS: readonly string[] = Object.keys(RESOURCES);

/** The collection path of a kind: all namespaces, or one when given. Throws for a kind not in the table. */
export function collectionPath(kind: string, namespace?: string): string {
  const resource = RESOURCES[kind];
  if (!resource) throw new Error(`no API path known for kind ${kind}`);
  return resource.namespaced && namespace
    ? `${resource.prefix}/namespaces/${namespace}/${resource.plural}`
    : `${resource.prefix}/${resource.plural}`;
}

/** The path of one object. */
export function objectPath(object: KubeObject): string {
  return `${collectionPath(object.kind ?? '', object.metadata.namespace)}/${object.metadata.name}`;
}
