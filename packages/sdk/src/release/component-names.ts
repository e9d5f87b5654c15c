/** The names of the objects of a provider's components. */
export interface ComponentNames {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly leaderElectionRole: string;
  readonly leaderElectionRoleBinding: string;
  readonly namespaceRole: string;
  readonly namespaceRoleBinding: string;
  readonly clusterRole: string;
  readonly clusterRoleBinding: string;
  /** The ClusterRole aggregated into the Cluster API core manager's role. */
  readonly capiAggregatedClusterRole: string;
  readonly deployment: string;
  readonly webhookService: string;
  readonly issuer: string;
  readonly certificate: string;
  /** The Secret cert-manager writes the serving certificate to, mounted by the manager. */
  readonly certificateSecret: string;
  readonly mutatingWebhookConfiguration: string;
  readonly validatingWebhookConfiguration: string;
}

/** The object names for a prefix and namespace, following the kubebuilder layout Cluster API providers use. */
export function componentNames(namePrefix: string, namespace: string): ComponentNames {
  const name = (suffix: string) => `${namePrefix}-${suffix}`;
  return {
    namespace,
    serviceAccount: name('manager'),
    leaderElectionRole: name('leader-election-role'),
    leaderElectionRoleBinding: name('leader-election-rolebinding'),
    namespaceRole: name('manager-namespace-role'),
    namespaceRoleBinding: name('manager-namespace-rolebinding'),
    clusterRole: name('manager-role'),
    clusterRoleBinding: name('manager-rolebinding'),
    capiAggregatedClusterRole: name('capi-aggregated-role'),
    deployment: name('controller-manager'),
    webhookService: name('webhook-service'),
    issuer: name('selfsigned-issuer'),
    certificate: name('serving-cert'),
    certificateSecret: name('webhook-service-cert'),
    mutatingWebhookConfiguration: name('mutating-webhook-configuration'),
    validatingWebhookConfiguration: name('validating-webhook-configuration'),
  };
}
