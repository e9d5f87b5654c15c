import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { addonSpecSchema, addonsSchema } from '../api/common/addons.js';
import {
  admissionControllerSchema,
  dataStoreOverrideSchema,
  kubeletSpecSchema,
  probeSetSchema,
} from '../api/common/components.js';
import { additionalMetadataSchema } from '../api/common/deployment.js';
import { additionalPortSchema } from '../api/common/network.js';
import {
  affinitySchema,
  containerSchema,
  deploymentStrategySchema,
  resourceRequirementsSchema,
  tolerationSchema,
  topologySpreadConstraintSchema,
  volumeMountSchema,
  volumeSchema,
} from '../api/core/kubernetes-core.generated.js';

// Kamaji's TenantControlPlane (kamaji.clastix.io/v1alpha1), modelled for what this provider writes and reads.
// Fields the provider never touches are not declared (the provider patches only what it owns, so they survive).

const perComponent = <T extends z.ZodType>(item: T) =>
  z.object({ apiServer: item.optional(), controllerManager: item.optional(), scheduler: item.optional() });

const KAMAJI_DEFAULT_ADMISSION_CONTROLLERS = [
  'CertificateApproval',
  'CertificateSigning',
  'CertificateSubjectRestriction',
  'DefaultIngressClass',
  'DefaultStorageClass',
  'DefaultTolerationSeconds',
  'LimitRanger',
  'MutatingAdmissionWebhook',
  'NamespaceLifecycle',
  'PersistentVolumeClaimResize',
  'Priority',
  'ResourceQuota',
  'RuntimeClass',
  'ServiceAccount',
  'StorageObjectInUseProtection',
  'TaintNodesByCondition',
  'ValidatingAdmissionWebhook',
] as const;

const deploymentSchema = z.object({
  replicas: z.int32().default(2),
  registrySettings: z
    .object({
      registry: z.string().default('registry.k8s.io'),
      apiServerImage: z.string().default('kube-apiserver'),
      controllerManagerImage: z.string().default('kube-controller-manager'),
      schedulerImage: z.string().default('kube-scheduler'),
      tagSuffix: z.string().optional(),
    })
    .prefault({
      registry: 'registry.k8s.io',
      apiServerImage: 'kube-apiserver',
      controllerManagerImage: 'kube-controller-manager',
      schedulerImage: 'kube-scheduler',
    }),
  serviceAccountName: z.string().default('default'),
  strategy: deploymentStrategySchema.prefault({
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: '100%', maxUnavailable: 0 },
  }),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  runtimeClassName: z.string().optional(),
  additionalMetadata: additionalMetadataSchema.optional(),
  podAdditionalMetadata: additionalMetadataSchema.optional(),
  affinity: affinitySchema.optional(),
  tolerations: z.array(tolerationSchema).optional(),
  topologySpreadConstraints: z.array(topologySpreadConstraintSchema).optional(),
  additionalInitContainers: z.array(containerSchema).optional(),
  additionalContainers: z.array(containerSchema).optional(),
  additionalVolumes: z.array(volumeSchema).optional(),
  additionalVolumeMounts: perComponent(z.array(volumeMountSchema)).optional(),
  extraArgs: perComponent(z.array(z.string()))
    .extend({ kine: z.array(z.string()).optional() })
    .optional(),
  resources: perComponent(resourceRequirementsSchema)
    .extend({ kine: resourceRequirementsSchema.optional() })
    .optional(),
  probes: probeSetSchema.extend(perComponent(probeSetSchema).shape).optional(),
});

const parentReferenceSchema = z.object({
  group: z.string().default('gateway.networking.k8s.io'),
  kind: z.string().default('Gateway'),
  name: z.string().min(1),
  namespace: z.string().optional(),
  sectionName: z.string().optional(),
  port: z.int32().min(1).max(65535).optional(),
});

const cidrList = (what: string) =>
  z
    .array(z.string())
    .min(1)
    .max(2)
    .meta({
      'x-kubernetes-validations': [
        { rule: 'self.all(x, isCIDR(x))', message: `all ${what} entries must be valid CIDRs` },
      ],
    });

/** `spec` of a TenantControlPlane. */
export const tenantControlPlaneSpecSchema = z.object({
  dataStore: z.string().optional(),
  dataStoreSchema: z.string().optional(),
  dataStoreUsername: z.string().optional(),
  dataStoreOverrides: z.array(dataStoreOverrideSchema).optional(),
  controlPlane: z
    .object({
      deployment: deploymentSchema.optional(),
      service: z.object({
        additionalMetadata: additionalMetadataSchema.optional(),
        additionalPorts: z.array(additionalPortSchema).optional(),
        serviceType: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']),
        allocateLoadBalancerNodePorts: z.boolean().optional(),
      }),
      ingress: z
        .object({
          additionalMetadata: additionalMetadataSchema.optional(),
          ingressClassName: z.string().optional(),
          hostname: z.string().optional(),
        })
        .optional(),
      gateway: z
        .object({
          additionalMetadata: additionalMetadataSchema.optional(),
          hostname: z.string().min(1).max(253).optional(),
          parentRefs: z.array(parentReferenceSchema).optional(),
        })
        .optional(),
    })
    .meta({
      'x-kubernetes-validations': [
        {
          rule: '!(has(self.ingress) && has(self.gateway))',
          message: 'using both ingress and gateway is not supported',
        },
      ],
    }),
  kubernetes: z.object({
    version: z.string(),
    kubelet: kubeletSpecSchema,
    admissionControllers: z.array(admissionControllerSchema).default([...KAMAJI_DEFAULT_ADMISSION_CONTROLLERS]),
  }),
  networkProfile: z
    .object({
      address: z.string().optional(),
      advertiseAddress: z
        .string()
        .meta({
          'x-kubernetes-validations': [
            { rule: "self == '' || isIP(self)", message: 'advertiseAddress must be a valid IP address' },
          ],
        })
        .optional(),
      allowAddressAsExternalIP: z.boolean().optional(),
      port: z.int32().default(6443),
      certSANs: z.array(z.string()).optional(),
      clusterDomain: z.string().default('cluster.local'),
      serviceCidrs: cidrList('serviceCidrs').optional(),
      podCidrs: cidrList('podCidrs').optional(),
      dnsServiceIPs: z.array(z.string()).max(8).optional(),
      loadBalancerSourceRanges: z.array(z.string()).max(16).optional(),
      loadBalancerClass: z.string().min(1).optional(),
    })
    .optional(),
  // Kamaji's CoreDNS addon has no `dnsServiceIPs`: they are in the network profile.
  addons: addonsSchema({ serverSecurityContext: true }).extend({ coreDNS: addonSpecSchema.optional() }).optional(),
});

/** The lifecycle states Kamaji reports in `status.kubernetesResources.version.status`. */
export const tenantControlPlaneVersionStatusSchema = z.enum([
  'Unknown',
  'Provisioning',
  'CertificateAuthorityRotating',
  'Upgrading',
  'Migrating',
  'Ready',
  'NotReady',
  'Sleeping',
  'WriteLimited',
]);
export type TenantControlPlaneVersionStatus = z.output<typeof tenantControlPlaneVersionStatusSchema>;

const secretReference = z.object({ secretName: z.string().optional(), checksum: z.string().optional() });

/** The parts of a TenantControlPlane's status the provider reads. */
export const tenantControlPlaneStatusSchema = z.object({
  controlPlaneEndpoint: z.string().optional(),
  kubeconfig: z.object({ admin: secretReference.optional() }).optional(),
  certificates: z.object({ ca: secretReference.optional() }).optional(),
  kubernetesResources: z
    .object({
      version: z
        .object({
          version: z.string().optional(),
          status: tenantControlPlaneVersionStatusSchema.default('Provisioning'),
        })
        .optional(),
      deployment: z
        .object({
          name: z.string().optional(),
          namespace: z.string().optional(),
          selector: z.string().optional(),
          replicas: z.int32().optional(),
          readyReplicas: z.int32().optional(),
          availableReplicas: z.int32().optional(),
          updatedReplicas: z.int32().optional(),
          unavailableReplicas: z.int32().optional(),
        })
        .optional(),
    })
    .optional(),
});

/** Kamaji's TenantControlPlane: the object this provider creates for every KamajiControlPlane. */
export const TenantControlPlane = defineResource({
  group: 'kamaji.clastix.io',
  version: 'v1alpha1',
  kind: 'TenantControlPlane',
  plural: 'tenantcontrolplanes',
  shortNames: ['tcp'],
  scope: 'Namespaced',
  spec: tenantControlPlaneSpecSchema,
  status: tenantControlPlaneStatusSchema,
  subresources: {
    status: true,
    scale: {
      specReplicasPath: '.spec.controlPlane.deployment.replicas',
      statusReplicasPath: '.status.kubernetesResources.deployment.replicas',
      labelSelectorPath: '.status.kubernetesResources.deployment.selector',
    },
  },
});

/** A TenantControlPlane object. */
export type TenantControlPlane = InferResource<typeof TenantControlPlane>;
