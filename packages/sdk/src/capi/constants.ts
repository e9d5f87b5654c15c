/** The API group of the Cluster API core kinds (Cluster, Machine, ...). */
export const CLUSTER_API_GROUP = 'cluster.x-k8s.io';

/** The contract version this SDK implements; CRDs declare it with the `cluster.x-k8s.io/v1beta2` label. */
export const CURRENT_CONTRACT_VERSION = 'v1beta2';

/** Labels Cluster API reads and writes (`api/core/v1beta2/common_types.go`, `machine_types.go`). */
export const CapiLabel = {
  /** Names the Cluster an object belongs to; set on Machines, provider objects and cluster Secrets. */
  clusterName: 'cluster.x-k8s.io/cluster-name',
  /** Marks control-plane Machines; its value is empty. */
  controlPlane: 'cluster.x-k8s.io/control-plane',
  /** Names the control plane that controls a Machine (may be a hash for names over 63 characters). */
  controlPlaneName: 'cluster.x-k8s.io/control-plane-name',
  /** Names the MachineDeployment that controls a Machine. */
  deploymentName: 'cluster.x-k8s.io/deployment-name',
  /** Names the MachineSet that controls a Machine (may be a hash for names over 63 characters). */
  setName: 'cluster.x-k8s.io/set-name',
  /** Names the MachinePool that controls a Machine (may be a hash for names over 63 characters). */
  poolName: 'cluster.x-k8s.io/pool-name',
  /** Selects the objects a controller started with `--watch-filter=<value>` reconciles. */
  watchFilter: 'cluster.x-k8s.io/watch-filter',
  /** Names the provider a component belongs to, e.g. `infrastructure-incus`. */
  provider: 'cluster.x-k8s.io/provider',
  /** Marks objects managed by a ClusterClass topology. */
  topologyOwned: 'topology.cluster.x-k8s.io/owned',
  /** Marks nodes that run on interruptible instances. */
  interruptible: 'cluster.x-k8s.io/interruptible',
  /** On a ClusterRole: aggregates its rules into the Cluster API core manager role (value `"true"`). */
  aggregateToManager: 'cluster.x-k8s.io/aggregate-to-manager',
  /** Set by clusterctl on every component it installs (empty value). */
  clusterctl: 'clusterctl.cluster.x-k8s.io',
  /** Set by clusterctl on core components: `inventory` or `cert-manager`. */
  clusterctlCore: 'clusterctl.cluster.x-k8s.io/core',
  /** Makes `clusterctl move` move an object (may sit on a CRD). */
  clusterctlMove: 'clusterctl.cluster.x-k8s.io/move',
  /** Makes `clusterctl move` move an object together with its owner hierarchy. */
  clusterctlMoveHierarchy: 'clusterctl.cluster.x-k8s.io/move-hierarchy',
} as const;

/** Annotations Cluster API reads and writes. */
export const CapiAnnotation = {
  /** Pauses reconciliation of the single object carrying it (any value). */
  paused: 'cluster.x-k8s.io/paused',
  /** Marks an infrastructure cluster as managed by an external system: providers skip it. */
  managedBy: 'cluster.x-k8s.io/managed-by',
  /** Set on objects cloned from a template: the template's name. */
  clonedFromName: 'cluster.x-k8s.io/cloned-from-name',
  /** Set on objects cloned from a template: the template's `Kind.group`. */
  clonedFromGroupKind: 'cluster.x-k8s.io/cloned-from-groupkind',
  /** Set by the topology controller during server-side-apply dry runs; template webhooks skip immutability checks. */
  topologyDryRun: 'topology.cluster.x-k8s.io/dry-run',
  /** Lossless round-trip data kept by conversion webhooks. */
  conversionData: 'cluster.x-k8s.io/conversion-data',
  /** Marks a Machine to delete first when scaling down. */
  deleteMachine: 'cluster.x-k8s.io/delete-machine',
  /** Set by providers while they cannot pause at once; `clusterctl move` waits for its removal. */
  clusterctlBlockMove: 'clusterctl.cluster.x-k8s.io/block-move',
  /** Set by `clusterctl move` on source objects about to be deleted, so webhooks may allow the delete. */
  clusterctlDeleteForMove: 'clusterctl.cluster.x-k8s.io/delete-for-move',
  /** On a CRD: lets clusterctl install it although its name is not `<plural>.<group>`. */
  clusterctlSkipCrdNamePreflightCheck: 'clusterctl.cluster.x-k8s.io/skip-crd-name-preflight-check',
  /** Marks an in-place update in progress on a Machine and its provider objects. */
  updateInProgress: 'in-place-updates.internal.cluster.x-k8s.io/update-in-progress',
} as const;

/** The Secret `type` of kubeconfig, certificate and bootstrap data Secrets created by Cluster API controllers. */
export const CLUSTER_SECRET_TYPE = 'cluster.x-k8s.io/secret';
