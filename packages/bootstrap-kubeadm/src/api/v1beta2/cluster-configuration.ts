import { z } from 'zod';
import { argList, boundedList, boundedString, envVarSchema, hostPathMountSchema, nonEmpty } from './fields.js';

/** Settings of a static-pod control-plane component (API server, controller manager, scheduler). */
function controlPlaneComponentShape() {
  return {
    extraArgs: argList('extraArgs').describe('Extra flags of the component.').optional(),
    extraVolumes: boundedList(hostPathMountSchema, 1, 100)
      .describe('Extra host paths mounted into the pod.')
      .optional(),
    extraEnvs: boundedList(envVarSchema, 1, 100).describe('Extra environment variables of the container.').optional(),
  };
}

/** `clusterConfiguration.apiServer`. */
export const apiServerSchema = nonEmpty(
  z
    .object({
      ...controlPlaneComponentShape(),
      certSANs: boundedList(boundedString(1, 253), 1, 100)
        .describe('Extra Subject Alternative Names of the API server serving certificate.')
        .optional(),
    })
    .describe('Settings of the API server.'),
);

/** `clusterConfiguration.controllerManager` / `.scheduler`. */
export const controlPlaneComponentSchema = nonEmpty(
  z.object(controlPlaneComponentShape()).describe('Settings of a control-plane component.'),
);

/** `clusterConfiguration.etcd.local`: the stacked etcd kubeadm runs. */
export const localEtcdSchema = nonEmpty(
  z
    .object({
      imageRepository: boundedString(1, 512).describe('Registry of the etcd image.').optional(),
      imageTag: boundedString(1, 256).describe('Tag of the etcd image.').optional(),
      dataDir: boundedString(1, 512).describe('Directory etcd stores its data in.').optional(),
      extraArgs: argList('extraArgs').describe('Extra flags of etcd.').optional(),
      extraEnvs: boundedList(envVarSchema, 1, 100).describe('Extra environment variables of etcd.').optional(),
      serverCertSANs: boundedList(boundedString(1, 253), 1, 100)
        .describe('Extra Subject Alternative Names of the etcd serving certificate.')
        .optional(),
      peerCertSANs: boundedList(boundedString(1, 253), 1, 100)
        .describe('Extra Subject Alternative Names of the etcd peer certificate.')
        .optional(),
    })
    .describe('A local etcd instance run by kubeadm.'),
);

/** `clusterConfiguration.etcd.external`: an etcd cluster outside the machines. */
export const externalEtcdSchema = z
  .object({
    endpoints: boundedList(boundedString(1, 512), 1, 50).describe('Endpoints of the etcd members.'),
    caFile: boundedString(1, 512).describe('Path of the CA certificate of the etcd cluster.'),
    certFile: boundedString(1, 512).describe('Path of the client certificate.'),
    keyFile: boundedString(1, 512).describe('Path of the client key.'),
  })
  .describe('An external etcd cluster.');

/** `spec.clusterConfiguration`: kubeadm's ClusterConfiguration, used when the node initialises the cluster. */
export const clusterConfigurationSchema = nonEmpty(
  z
    .object({
      etcd: nonEmpty(
        z
          .object({ local: localEtcdSchema.optional(), external: externalEtcdSchema.optional() })
          .describe('Where etcd runs: local (stacked) or external.'),
      ).optional(),
      controlPlaneEndpoint: boundedString(1, 512)
        .describe('Stable address of the control plane; Cluster.spec.controlPlaneEndpoint when empty.')
        .optional(),
      apiServer: apiServerSchema.optional(),
      controllerManager: controlPlaneComponentSchema.optional(),
      scheduler: controlPlaneComponentSchema.optional(),
      dns: nonEmpty(
        z
          .object({
            imageRepository: boundedString(1, 512).describe('Registry of the CoreDNS image.').optional(),
            imageTag: boundedString(1, 256).describe('Tag of the CoreDNS image.').optional(),
          })
          .describe('Settings of the cluster DNS add-on.'),
      ).optional(),
      certificatesDir: boundedString(1, 512)
        .describe('Directory of the certificates on the node; /etc/kubernetes/pki when empty.')
        .optional(),
      imageRepository: boundedString(1, 512).describe('Registry the control-plane images are pulled from.').optional(),
      featureGates: z.record(z.string(), z.boolean()).describe('kubeadm feature gates.').optional(),
      certificateValidityPeriodDays: z
        .int32()
        .min(1)
        .max(1095)
        .describe('Validity in days of the certificates kubeadm signs.')
        .optional(),
      caCertificateValidityPeriodDays: z
        .int32()
        .min(1)
        .max(36500)
        .describe('Validity in days of the certificate authorities kubeadm generates.')
        .optional(),
      encryptionAlgorithm: z
        .enum(['ECDSA-P256', 'ECDSA-P384', 'RSA-2048', 'RSA-3072', 'RSA-4096'])
        .describe('Key algorithm of the keys and certificates kubeadm generates.')
        .optional(),
    })
    .describe('kubeadm ClusterConfiguration: settings shared by the whole cluster.'),
);

/** `spec.clusterConfiguration`. */
export type ClusterConfiguration = z.output<typeof clusterConfigurationSchema>;
