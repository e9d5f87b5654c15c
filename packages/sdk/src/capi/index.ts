export type { BackendResult, InfraClusterBackend, InfraMachineBackend } from './backend.js';
export {
  type BootstrapConfigKind,
  type BootstrapConfigMappers,
  bootstrapConfigMappers,
} from './bootstrap-config-mappers.js';
export { type BootstrapConfigOwner, getBootstrapConfigOwner } from './bootstrap-config-owner.js';
export {
  type BootstrapData,
  type BootstrapDataFormat,
  type BootstrapDataSecretInput,
  bootstrapDataSecret,
  ensureBootstrapDataSecret,
  readBootstrapData,
} from './bootstrap-data.js';
export {
  type CertificateAuthoritySecret,
  type ClusterKey,
  certificateAuthorityFromSecret,
  certificateSecret,
  type EnsureCertificateAuthorityOptions,
  ensureClusterCertificateAuthority,
} from './certificate-authority.js';
export {
  type CreatedFromTemplate,
  type CreateFromTemplateInput,
  createFromTemplate,
  type GenerateFromTemplateInput,
  generateFromTemplate,
} from './clone-from-template.js';
export { ClusterCache, type ClusterCacheOptions, type RemoteCluster } from './cluster-cache.js';
export {
  clusterSecretName,
  createSecretIfMissing,
  type EnsuredSecret,
  encodeSecretValue,
  parseClusterSecretName,
  SecretDataKey,
  SecretPurpose,
  secretValue,
} from './cluster-secrets.js';
export { isClusterControlPlaneInitialized, isClusterInfrastructureProvisioned } from './cluster-state.js';
export {
  CapiAnnotation,
  CapiLabel,
  CLUSTER_API_GROUP,
  CLUSTER_SECRET_TYPE,
  CURRENT_CONTRACT_VERSION,
} from './constants.js';
export {
  bootstrapDataSecretNameOf,
  controlPlaneEndpointOf,
  failureDomainOf,
  failureDomainsOf,
  isBootstrapDataSecretCreated,
  isControlPlaneInitialized,
  isExternalManagedControlPlane,
  isInfrastructureProvisioned,
  machineAddressesOf,
  providerIdOf,
} from './contract-accessors.js';
export {
  type ContractAndApiVersion,
  compareKubeAwareVersions,
  compatibleContracts,
  contractLabel,
  crdNameFor,
  getContractAndApiVersion,
  latestContractAndApiVersion,
} from './contract-version.js';
export {
  acquireControlPlaneInitLock,
  controlPlaneInitLockName,
  releaseControlPlaneInitLock,
} from './control-plane-init-lock.js';
export { generateName } from './generate-name.js';
export {
  INFRASTRUCTURE_PROVISIONED_CONDITION,
  type InfraClusterControllerOptions,
  infraClusterController,
} from './infra-cluster-controller.js';
export {
  INSTANCE_PROVISIONED_CONDITION,
  type InfraMachineControllerOptions,
  infraMachineController,
} from './infra-machine-controller.js';
export { V1Beta1WaitingReason } from './infra-machine-waiting.js';
export { clusterToInfrastructure, clusterToObjects, machineToInfrastructure } from './infra-mappers.js';
export {
  clusterInfrastructureProvisioned,
  clusterPausedTransitions,
  clusterPausedTransitionsOrInfrastructureProvisioned,
} from './infra-predicates.js';
export type { InfraControllerHost, InfraControllerOptions } from './infra-reconcile.js';
export {
  apiEndpointSchema,
  conditionSchema,
  conditionsSchema,
  failureDomainSchema,
  infraClusterSpec,
  infraClusterStatus,
  infraMachineSpec,
  infraMachineStatus,
  machineAddressSchema,
  templateMetadataSchema,
  templateSpecOf,
} from './infra-schemas.js';
export {
  type IPAddress,
  type IPAddressClaim,
  type IPAddressClaimSpec,
  type IPAddressClaimStatus,
  type IPAddressSpec,
  IPAM_API_VERSION,
  type IPPoolReference,
  ipamTypes,
  isPoolReferenceTo,
} from './ipam.js';
export {
  apiServerUrl,
  type EnsureKubeconfigOptions,
  ensureKubeconfigSecret,
  generateKubeconfig,
  type KubeconfigCertificateOptions,
  type KubeconfigParts,
  kubeconfigFromSecret,
  kubeconfigSecret,
  readKubeconfig,
  renderKubeconfig,
} from './kubeconfig.js';
export {
  clusterKubeconfigReference,
  type KubeconfigReference,
  kubeconfigReferenceKey,
} from './kubeconfig-reference.js';
export { isControlPlaneMachine, isExternallyManaged, matchesWatchFilter } from './object-checks.js';
export { clientReader, informerReader, type ObjectReader } from './object-reader.js';
export {
  controllerReferenceOf,
  controllerReferenceTo,
  ensureOwnerReference,
  type GroupKind,
  groupOf,
  hasExactOwnerReference,
  hasOwner,
  hasOwnerReference,
  isControlledBy,
  isOwnedBy,
  type OwnerReferenceOptions,
  ownerReferenceTo,
  referSameObject,
  removeOwnerReference,
} from './owner-references.js';
export {
  getClusterByName,
  getClusterFromMetadata,
  getOwnerCluster,
  getOwnerMachine,
  getOwnerMachinePool,
} from './owners.js';
export {
  type EnsurePausedOptions,
  type EnsurePausedResult,
  ensurePausedCondition,
  hasPausedAnnotation,
  isClusterPaused,
  isPaused,
  pausedCondition,
} from './pause.js';
export { pluralize } from './pluralize.js';
export {
  formatProviderId,
  isValidProviderId,
  type ProviderId,
  parseProviderId,
  providerIdsEqual,
} from './provider-id.js';
export { type RemoteEventMapper, RemoteEventSource } from './remote-event-source.js';
export { capiTypes } from './resources.js';
export type { ClusterScope, InfraScope, MachineScope } from './scope.js';
export type {
  ApiEndpoint,
  Cluster,
  ClusterClass,
  ClusterSpec,
  ClusterStatus,
  ContractVersionedObjectReference,
  FailureDomain,
  LabelSelectorSpec,
  Machine,
  MachineAddress,
  MachineAddressType,
  MachineDeployment,
  MachineHealthCheck,
  MachinePool,
  MachineSet,
  MachineSpec,
  MachineStatus,
  MachineTemplateSpec,
  ReplicaStatus,
  TemplateObjectMeta,
} from './types.js';
