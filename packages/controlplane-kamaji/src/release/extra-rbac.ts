// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import type { KubeObject } from '@capi-ts/sdk';

const RBAC = 'rbac.authorization.k8s.io/v1';

/**
 * The label that adds a ClusterRole's rules to the manager's infrastructure-cluster role (Kubernetes ClusterRole
 * aggregation). Infrastructure kinds outside `infrastructure.cluster.x-k8s.io` that are listed in
 * `--dynamic-infrastructure-clusters` are granted this way, e.g. for `ExampleCluster` of `infra.example.com`:
 *
 * ```yaml
 * apiVersion: rbac.authorization.k8s.io/v1
 * kind: ClusterRole
 * metadata:
 *   name: kamaji-patches-exampleclusters
 *   labels: { controlplane.cluster.x-k8s.io/aggregate-to-kamaji: "true" }
 * rules:
 *   - apiGroups: [infra.example.com]
 *     resources: [exampleclusters, exampleclusters/status]
 *     verbs: [get, list, watch, patch, update]
 * ```
 */
export const AGGREGATE_TO_KAMAJI_LABEL = 'controlplane.cluster.x-k8s.io/aggregate-to-kamaji';

/** The names and subjects the extra RBAC needs from the components. */
export interface ExtraRbacInput {
  /** The provider namespace, e.g. `kamaji-system`. */
  namespace: string;
  /** The manager's ServiceAccount. */
  serviceAccount: string;
  /** The object name prefix, e.g. `capi-kamaji`. */
  namePrefix: string;
}

/**
 * RBAC the components carry beyond the manager's own ClusterRole:
 *
 * - upstream's `control-plane-role` (get/list/watch/patch/update KamajiControlPlanes, their status and finalizers)
 *   bound to Cluster API's core manager (`capi-system/capi-manager`) and to the kubeadm bootstrap provider's
 *   ServiceAccount (`${CACPPK_KUBEADM_BOOTSTRAP_SA_NAMESPACE}/${CACPPK_KUBEADM_BOOTSTRAP_SA_NAME}`), which reads the
 *   control plane's `spec.version` since Cluster API v1.14;
 * - a role bound to the manager that aggregates every ClusterRole labelled {@link AGGREGATE_TO_KAMAJI_LABEL}
 *   (Kubernetes' ClusterRole aggregation): how infrastructure kinds outside `infrastructure.cluster.x-k8s.io`,
 *   which the manager's own role covers, are granted when patched through `--dynamic-infrastructure-clusters`.
 */
export function extraRbacObjects({ namespace, serviceAccount, namePrefix }: ExtraRbacInput): KubeObject[] {
  const controlPlaneRole = `${namePrefix}-control-plane-role`;
  const infrastructureRole = `${namePrefix}-infrastructure-clusters-role`;
  return [
    {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: controlPlaneRole },
      rules: [
        {
          apiGroups: ['controlplane.cluster.x-k8s.io'],
          resources: ['kamajicontrolplanes', 'kamajicontrolplanes/status', 'kamajicontrolplanes/finalizers'],
          verbs: ['get', 'list', 'watch', 'patch', 'update'],
        },
      ],
    },
    clusterRoleBinding(`${namePrefix}-capi-role-binding`, controlPlaneRole, 'capi-system', 'capi-manager'),
    clusterRoleBinding(
      `${namePrefix}-capi-kubeadm-bootstrap-role-binding`,
      controlPlaneRole,
      '${CACPPK_KUBEADM_BOOTSTRAP_SA_NAMESPACE:=capi-kubeadm-bootstrap-system}',
      '${CACPPK_KUBEADM_BOOTSTRAP_SA_NAME:=capi-kubeadm-bootstrap-manager}',
    ),
    {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: infrastructureRole },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO_KAMAJI_LABEL]: 'true' } }] },
      rules: [],
    },
    clusterRoleBinding(
      `${namePrefix}-infrastructure-clusters-role-binding`,
      infrastructureRole,
      namespace,
      serviceAccount,
    ),
  ];
}

function clusterRoleBinding(name: string, role: string, namespace: string, serviceAccount: string): KubeObject {
  return {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace }],
  };
}
