import type { KubeObject, KubeTransport, PolicyRule } from '@capi-ts/sdk';

type ClusterRole = KubeObject & {
  rules?: PolicyRule[] | null;
  aggregationRule?: {
    clusterRoleSelectors?: Array<{ matchLabels?: Record<string, string>; matchExpressions?: unknown[] }>;
  };
};

const CLUSTER_ROLES = '/apis/rbac.authorization.k8s.io/v1/clusterroles';

/**
 * Does once what kube-controller-manager's ClusterRole aggregation controller does continuously (and which does not
 * run here: the management cluster is a bare API server): each ClusterRole with an `aggregationRule` gets the rules
 * of every ClusterRole its selectors match. Cluster API's manager role is aggregated this way
 * (`cluster.x-k8s.io/aggregate-to-manager`), so the roles providers add reach it. Call it after the last ClusterRole
 * was added. Only `matchLabels` selectors are supported; others throw.
 */
export async function aggregateClusterRoles(transport: KubeTransport): Promise<void> {
  const { items } = await transport.request<{ items: ClusterRole[] }>({ method: 'GET', path: CLUSTER_ROLES });
  for (const role of items) {
    const selectors = role.aggregationRule?.clusterRoleSelectors;
    if (!selectors) continue;
    const rules: PolicyRule[] = [];
    for (const selector of selectors) {
      if (selector.matchExpressions?.length)
        throw new Error(`${role.metadata.name}: matchExpressions are not supported`);
      const labels = Object.entries(selector.matchLabels ?? {});
      for (const source of items) {
        if (source === role || source.aggregationRule) continue;
        if (labels.every(([key, value]) => source.metadata.labels?.[key] === value))
          rules.push(...(source.rules ?? []));
      }
    }
    await transport.request({
      method: 'PATCH',
      path: `${CLUSTER_ROLES}/${role.metadata.name}`,
      contentType: 'application/merge-patch+json',
      body: { rules },
    });
  }
}
