import { z } from 'zod';
import { resourceRequirementsSchema, volumeMountSchema } from '../core/kubernetes-core.generated.js';

/** Timing of one probe of a control plane container (Kamaji's `ProbeSpec`). */
export const probeSpecSchema = z.object({
  failureThreshold: z.int32().min(1).optional(),
  initialDelaySeconds: z.int32().min(0).optional(),
  periodSeconds: z.int32().min(1).optional(),
  successThreshold: z.int32().min(1).optional(),
  timeoutSeconds: z.int32().min(1).optional(),
});

/** Liveness, readiness and startup probe timings (Kamaji's `ProbeSet`). */
export const probeSetSchema = z.object({
  liveness: probeSpecSchema.optional(),
  readiness: probeSpecSchema.optional(),
  startup: probeSpecSchema.optional(),
});

/** Overrides for one control plane component: kube-apiserver, kube-controller-manager or kube-scheduler. */
export const controlPlaneComponentSchema = z.object({
  extraVolumeMounts: z.array(volumeMountSchema).optional(),
  extraArgs: z.array(z.string()).optional(),
  resources: resourceRequirementsSchema.optional(),
  containerImageName: z.string().min(1).optional(),
  probes: probeSetSchema.optional(),
});

/** Overrides for the kine sidecar that translates etcd calls for SQL and NATS datastores. */
export const kineComponentSchema = z.object({
  extraArgs: z.array(z.string()).optional(),
  resources: resourceRequirementsSchema.optional(),
});

/** One RFC 6902 operation applied to the kubelet configuration that Kamaji uploads into the tenant. */
export const jsonPatchSchema = z.object({
  op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
  path: z.string(),
  from: z.string().optional(),
  value: z.unknown().optional(),
});

/** Node address types, in the order the API server prefers them to reach kubelets. */
export const nodeAddressTypeSchema = z.enum(['Hostname', 'InternalIP', 'ExternalIP', 'InternalDNS', 'ExternalDNS']);

/** The kubelet settings of the tenant cluster (Kamaji's `KubeletSpec`). */
export const kubeletSpecSchema = z.object({
  configurationJSONPatches: z.array(jsonPatchSchema).optional(),
  preferredAddressTypes: z
    .array(nodeAddressTypeSchema)
    .min(1)
    .default(['InternalIP', 'ExternalIP', 'Hostname'])
    .meta({ 'x-kubernetes-list-type': 'set' }),
  cgroupfs: z.enum(['systemd', 'cgroupfs']).optional(),
});

/** The admission plugins Kamaji can enable on the tenant API server. */
export const admissionControllerSchema = z.enum([
  'AlwaysAdmit',
  'AlwaysDeny',
  'AlwaysPullImages',
  'CertificateApproval',
  'CertificateSigning',
  'CertificateSubjectRestriction',
  'DefaultIngressClass',
  'DefaultStorageClass',
  'DefaultTolerationSeconds',
  'DenyEscalatingExec',
  'DenyExecOnPrivileged',
  'DenyServiceExternalIPs',
  'EventRateLimit',
  'ExtendedResourceToleration',
  'ImagePolicyWebhook',
  'LimitPodHardAntiAffinityTopology',
  'LimitRanger',
  'MutatingAdmissionWebhook',
  'NamespaceAutoProvision',
  'NamespaceExists',
  'NamespaceLifecycle',
  'NodeRestriction',
  'OwnerReferencesPermissionEnforcement',
  'PersistentVolumeClaimResize',
  'PersistentVolumeLabel',
  'PodNodeSelector',
  'PodSecurity',
  'PodSecurityPolicy',
  'PodTolerationRestriction',
  'Priority',
  'ResourceQuota',
  'RuntimeClass',
  'SecurityContextDeny',
  'ServiceAccount',
  'StorageObjectInUseProtection',
  'TaintNodesByCondition',
  'ValidatingAdmissionWebhook',
]);

/** Stores one kind of resource in another DataStore (Kamaji's `DataStoreOverride`). */
export const dataStoreOverrideSchema = z.object({
  resource: z.string().optional(),
  dataStore: z.string().optional(),
});
