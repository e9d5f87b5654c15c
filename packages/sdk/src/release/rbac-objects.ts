import type { KubeObject } from '../client/object.js';
import type { PolicyRule } from './kubernetes-types.js';
import type { ResolvedComponents } from './resolved-components.js';

/** What leader election needs in the provider namespace: its Lease, and Events about it. */
export const LEADER_ELECTION_RULES: readonly PolicyRule[] = [
  {
    apiGroups: ['coordination.k8s.io'],
    resources: ['leases'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
];

/** The label that aggregates a ClusterRole into the Cluster API core manager's role. */
export const AGGREGATE_TO_CAPI_MANAGER_LABEL = 'cluster.x-k8s.io/aggregate-to-manager';

const RBAC = 'rbac.authorization.k8s.io/v1';

/**
 * The ServiceAccount and RBAC of the manager: the leader-election Role, a Role for `namespaceRules` when given, the
 * ClusterRole with exactly `clusterRules`, and, when CRDs live outside the `cluster.x-k8s.io` API groups, the
 * ClusterRole that grants Cluster API's core controllers full access to them through
 * {@link AGGREGATE_TO_CAPI_MANAGER_LABEL}, as the provider contract requires.
 */
export function buildRbacObjects(components: ResolvedComponents): KubeObject[] {
  const { names, spec } = components;
  const namespace = names.namespace;
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: names.serviceAccount, namespace } },
    role(names.leaderElectionRole, namespace, LEADER_ELECTION_RULES),
    roleBinding(components, 'RoleBinding', names.leaderElectionRoleBinding, names.leaderElectionRole),
  ];
  const namespaceRules = spec.rbac.namespaceRules ?? [];
  if (namespaceRules.length > 0) {
    objects.push(
      role(names.namespaceRole, namespace, namespaceRules),
      roleBinding(components, 'RoleBinding', names.namespaceRoleBinding, names.namespaceRole),
    );
  }
  objects.push(
    {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: names.clusterRole },
      rules: copy(spec.rbac.clusterRules),
    },
    roleBinding(components, 'ClusterRoleBinding', names.clusterRoleBinding, names.clusterRole),
  );
  const capiRules = capiCoreAccessRules(components);
  if (capiRules.length > 0) {
    objects.push({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: names.capiAggregatedClusterRole, labels: { [AGGREGATE_TO_CAPI_MANAGER_LABEL]: 'true' } },
      rules: capiRules,
    });
  }
  return objects;
}

function role(name: string, namespace: string, rules: readonly PolicyRule[]): KubeObject {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace }, rules: copy(rules) };
}

function roleBinding(
  { names }: ResolvedComponents,
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleName: string,
): KubeObject {
  return {
    apiVersion: RBAC,
    kind,
    metadata: kind === 'RoleBinding' ? { name, namespace: names.namespace } : { name },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole',
      name: roleName,
    },
    subjects: [{ kind: 'ServiceAccount', name: names.serviceAccount, namespace: names.namespace }],
  };
}

/** Cluster API's own role already covers `cluster.x-k8s.io` and its subgroups; other groups must be granted. */
function capiCoreAccessRules({ crds }: ResolvedComponents): PolicyRule[] {
  const byGroup = new Map<string, string[]>();
  for (const crd of crds) {
    const group = crd.spec.group;
    if (group === 'cluster.x-k8s.io' || group.endsWith('.cluster.x-k8s.io')) continue;
    byGroup.set(group, [...(byGroup.get(group) ?? []), crd.spec.names.plural]);
  }
  return [...byGroup].map(([group, resources]) => ({
    apiGroups: [group],
    resources,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }));
}

function copy(rules: readonly PolicyRule[]): PolicyRule[] {
  return structuredClone([...rules]);
}
