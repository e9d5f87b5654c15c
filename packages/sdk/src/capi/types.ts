import type { KubeObject, ObjectMeta } from '../client/object.js';
import type { Condition } from '../conditions/types.js';

/**
 * A reference to a provider object whose API version is resolved from the contract label on its CRD
 * (v1beta2 `ContractVersionedObjectReference`): the group, never the version.
 */
export interface ContractVersionedObjectReference {
  apiGroup: string;
  kind: string;
  name: string;
}

/** Where the control plane's API server is reached. */
export interface ApiEndpoint {
  host?: string;
  port?: number;
}

/** The address kinds Cluster API copies from infrastructure machines to Machines. */
export type MachineAddressType = 'Hostname' | 'ExternalIP' | 'InternalIP' | 'ExternalDNS' | 'InternalDNS';

/** One address of a machine. */
export interface MachineAddress {
  type: MachineAddressType;
  address: string;
}

/** A failure domain (v1beta2 list shape). */
export interface FailureDomain {
  name: string;
  /** Whether control-plane machines may be placed in it. */
  controlPlane?: boolean;
  attributes?: Record<string, string>;
}

/** `metadata` of a template's object (`spec.template.metadata`): labels and annotations only. */
export type TemplateObjectMeta = Pick<ObjectMeta, 'labels' | 'annotations'>;

/** The fields of `Cluster.spec` the SDK reads. Unknown fields are kept. */
export interface ClusterSpec {
  /** Pauses reconciliation of the Cluster and every object that belongs to it. */
  paused?: boolean;
  infrastructureRef?: ContractVersionedObjectReference;
  controlPlaneRef?: ContractVersionedObjectReference;
  controlPlaneEndpoint?: ApiEndpoint;
  clusterNetwork?: {
    apiServerPort?: number;
    pods?: { cidrBlocks?: string[] };
    services?: { cidrBlocks?: string[] };
    serviceDomain?: string;
    [field: string]: unknown;
  };
  topology?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The fields of `Cluster.status` the SDK reads. */
export interface ClusterStatus {
  initialization?: { infrastructureProvisioned?: boolean; controlPlaneInitialized?: boolean };
  conditions?: Condition[];
  failureDomains?: FailureDomain[];
  phase?: string;
  observedGeneration?: number;
  [field: string]: unknown;
}

/** A Cluster API `Cluster` (cluster.x-k8s.io/v1beta2). */
export interface Cluster extends KubeObject {
  spec: ClusterSpec;
  status?: ClusterStatus;
}

/** The fields of `Machine.spec` (also the spec of MachineSet/MachineDeployment/MachinePool templates). */
export interface MachineSpec {
  clusterName: string;
  bootstrap: {
    configRef?: ContractVersionedObjectReference;
    /** The Secret holding the bootstrap data; set once the bootstrap provider has created it. */
    dataSecretName?: string;
    [field: string]: unknown;
  };
  infrastructureRef: ContractVersionedObjectReference;
  providerID?: string;
  /** Kubernetes version, `v`-prefixed semver. */
  version?: string;
  failureDomain?: string;
  [field: string]: unknown;
}

/** The fields of `Machine.status` the SDK reads. */
export interface MachineStatus {
  initialization?: { infrastructureProvisioned?: boolean; bootstrapDataSecretCreated?: boolean };
  addresses?: MachineAddress[];
  failureDomain?: string;
  nodeRef?: { name: string };
  phase?: string;
  conditions?: Condition[];
  observedGeneration?: number;
  [field: string]: unknown;
}

/** A Cluster API `Machine` (cluster.x-k8s.io/v1beta2). */
export interface Machine extends KubeObject {
  spec: MachineSpec;
  status?: MachineStatus;
}

/** A Machine template as MachineSets, MachineDeployments and MachinePools embed it. */
export interface MachineTemplateSpec {
  metadata?: TemplateObjectMeta;
  spec: MachineSpec;
}

/** A label selector (`matchLabels` / `matchExpressions`). */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** The status fields shared by the replica-managing kinds. */
export interface ReplicaStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  upToDateReplicas?: number;
  conditions?: Condition[];
  observedGeneration?: number;
  [field: string]: unknown;
}

/** A Cluster API `MachineSet` (cluster.x-k8s.io/v1beta2). */
export interface MachineSet extends KubeObject {
  spec: {
    clusterName: string;
    replicas?: number;
    selector: LabelSelectorSpec;
    template: MachineTemplateSpec;
    [field: string]: unknown;
  };
  status?: ReplicaStatus;
}

/** A Cluster API `MachineDeployment` (cluster.x-k8s.io/v1beta2). */
export interface MachineDeployment extends KubeObject {
  spec: {
    clusterName: string;
    replicas?: number;
    paused?: boolean;
    selector: LabelSelectorSpec;
    template: MachineTemplateSpec;
    [field: string]: unknown;
  };
  status?: ReplicaStatus;
}

/** A Cluster API `MachinePool` (cluster.x-k8s.io/v1beta2). */
export interface MachinePool extends KubeObject {
  spec: {
    clusterName: string;
    replicas?: number;
    template: MachineTemplateSpec;
    providerIDList?: string[];
    failureDomains?: string[];
    [field: string]: unknown;
  };
  status?: ReplicaStatus & {
    initialization?: { infrastructureProvisioned?: boolean; bootstrapDataSecretCreated?: boolean };
  };
}

/** A Cluster API `ClusterClass` (cluster.x-k8s.io/v1beta2); its spec is kept as read. */
export interface ClusterClass extends KubeObject {
  spec: Record<string, unknown>;
  status?: { conditions?: Condition[]; [field: string]: unknown };
}

/** A Cluster API `MachineHealthCheck` (cluster.x-k8s.io/v1beta2). */
export interface MachineHealthCheck extends KubeObject {
  spec: {
    clusterName: string;
    selector: LabelSelectorSpec;
    [field: string]: unknown;
  };
  status?: {
    expectedMachines?: number;
    currentHealthy?: number;
    remediationsAllowed?: number;
    targets?: string[];
    conditions?: Condition[];
    [field: string]: unknown;
  };
}
