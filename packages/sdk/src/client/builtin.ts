import type { KubeObject } from './object.js';
import { resourceType } from './resource-type.js';

export interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
}
export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}
export interface Lease extends KubeObject {
  spec?: {
    holderIdentity?: string | null;
    leaseDurationSeconds?: number | null;
    acquireTime?: string | null;
    renewTime?: string | null;
    leaseTransitions?: number | null;
  };
}
export interface KubeEvent extends KubeObject {
  involvedObject: {
    apiVersion?: string;
    kind?: string;
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    fieldPath?: string;
  };
  reason?: string;
  message?: string;
  type?: 'Normal' | 'Warning';
  source?: { component?: string };
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  reportingComponent?: string;
  reportingInstance?: string;
}

/** The core kinds the SDK and the providers use. */
export const builtin = {
  namespace: resourceType<KubeObject>('v1', 'Namespace', 'namespaces', false),
  secret: resourceType<Secret>('v1', 'Secret', 'secrets', true),
  configMap: resourceType<ConfigMap>('v1', 'ConfigMap', 'configmaps', true),
  service: resourceType<KubeObject>('v1', 'Service', 'services', true),
  node: resourceType<KubeObject>('v1', 'Node', 'nodes', false),
  event: resourceType<KubeEvent>('v1', 'Event', 'events', true),
  serviceAccount: resourceType<KubeObject>('v1', 'ServiceAccount', 'serviceaccounts', true),
  lease: resourceType<Lease>('coordination.k8s.io/v1', 'Lease', 'leases', true),
  customResourceDefinition: resourceType<KubeObject>(
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
  ),
} as const;
