import type { KubeObject } from '../client/object.js';

/** An RBAC rule (`rbac.authorization.k8s.io/v1` PolicyRule). */
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

/** A container environment variable (`core/v1` EnvVar); `value` may hold clusterctl `${VAR}` references. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

/**
 * A CRD to ship in the components: any `apiextensions.k8s.io/v1` CustomResourceDefinition object, such as one from
 * `defineCustomResourceDefinition()` or one read from YAML. Only the fields listed here are read; the object is copied
 * whole.
 */
export interface ComponentsCrd extends KubeObject {
  spec: {
    group: string;
    names: { kind: string; plural: string };
    versions: ReadonlyArray<{ name: string; storage: boolean }>;
    conversion?: { strategy: string };
  };
}

/** The requests an admission webhook intercepts (`admissionregistration.k8s.io/v1` RuleWithOperations). */
export interface WebhookRule {
  apiGroups: string[];
  apiVersions: string[];
  operations: Array<'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT' | '*'>;
  resources: string[];
  scope?: 'Cluster' | 'Namespaced' | '*';
}

/** A label selector of a webhook's `namespaceSelector` or `objectSelector` (`metav1.LabelSelector`). */
export interface WebhookSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
}
