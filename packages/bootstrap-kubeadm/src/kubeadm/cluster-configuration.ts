import type { ClusterConfiguration } from '../api/v1beta2/index.js';
import type { KubeadmApiVersion } from './api-version.js';
import { goDuration, goDurationOfDays } from './duration.js';
import type { YamlValue } from './go-yaml.js';
import { args, compact, nonEmptyList, nonEmptyString } from './shared.js';

/**
 * What the controller derives from the Cluster and the Machine for the ClusterConfiguration (Cluster API v1beta2
 * no longer stores these in the KubeadmConfig).
 */
export interface ClusterConfigurationData {
  /** `Cluster.metadata.name`. */
  clusterName?: string;
  /** The Machine's `spec.version`. */
  kubernetesVersion?: string;
  /** `Cluster.spec.controlPlaneEndpoint` as `host:port`, used when the config sets none. */
  controlPlaneEndpoint?: string;
  /** `Cluster.spec.clusterNetwork.serviceDomain`. */
  dnsDomain?: string;
  /** `Cluster.spec.clusterNetwork.services.cidrBlocks`, comma-joined. */
  serviceSubnet?: string;
  /** `Cluster.spec.clusterNetwork.pods.cidrBlocks`, comma-joined. */
  podSubnet?: string;
  /** `initConfiguration.timeouts.controlPlaneComponentHealthCheckSeconds`, written by v1beta3 on the API server. */
  controlPlaneComponentHealthCheckSeconds?: number;
}

type Component = NonNullable<ClusterConfiguration['controllerManager']>;

function component(spec: Component | undefined, v1beta4: boolean): { [key: string]: YamlValue } {
  return compact({
    extraArgs: args(spec?.extraArgs, v1beta4),
    extraVolumes: nonEmptyList(
      spec?.extraVolumes?.map((v) =>
        compact({
          name: v.name,
          hostPath: v.hostPath,
          mountPath: v.mountPath,
          readOnly: v.readOnly,
          pathType: v.pathType,
        }),
      ),
    ),
    extraEnvs: v1beta4
      ? (nonEmptyList(spec?.extraEnvs as YamlValue[] | undefined) as YamlValue | undefined)
      : undefined,
  });
}

function etcd(spec: ClusterConfiguration['etcd'], v1beta4: boolean): { [key: string]: YamlValue } {
  const local = spec?.local;
  const external = spec?.external;
  return compact({
    local: local
      ? compact({
          imageRepository: local.imageRepository,
          imageTag: local.imageTag,
          dataDir: local.dataDir ?? '',
          extraArgs: args(local.extraArgs, v1beta4),
          extraEnvs: v1beta4
            ? (nonEmptyList(local.extraEnvs as YamlValue[] | undefined) as YamlValue | undefined)
            : undefined,
          serverCertSANs: nonEmptyList(local.serverCertSANs),
          peerCertSANs: nonEmptyList(local.peerCertSANs),
        })
      : undefined,
    external: external
      ? {
          endpoints: [...external.endpoints],
          caFile: external.caFile,
          certFile: external.certFile,
          keyFile: external.keyFile,
        }
      : undefined,
  });
}

/**
 * kubeadm's ClusterConfiguration document for `apiVersion`, from the KubeadmConfig's `clusterConfiguration` and
 * the values the controller derives from the Cluster and Machine.
 */
export function clusterConfigurationDocument(
  spec: ClusterConfiguration | undefined,
  data: ClusterConfigurationData,
  apiVersion: KubeadmApiVersion,
): { [key: string]: YamlValue } {
  const v1beta4 = apiVersion === 'kubeadm.k8s.io/v1beta4';
  const healthCheck = data.controlPlaneComponentHealthCheckSeconds;
  return compact({
    apiVersion,
    kind: 'ClusterConfiguration',
    etcd: etcd(spec?.etcd, v1beta4),
    networking: compact({
      serviceSubnet: nonEmptyString(data.serviceSubnet),
      podSubnet: nonEmptyString(data.podSubnet),
      dnsDomain: nonEmptyString(data.dnsDomain),
    }),
    kubernetesVersion: nonEmptyString(data.kubernetesVersion),
    controlPlaneEndpoint: nonEmptyString(spec?.controlPlaneEndpoint ?? data.controlPlaneEndpoint),
    apiServer: compact({
      ...component(spec?.apiServer, v1beta4),
      certSANs: nonEmptyList(spec?.apiServer?.certSANs),
      timeoutForControlPlane: !v1beta4 && healthCheck !== undefined ? goDuration(healthCheck) : undefined,
    }),
    controllerManager: component(spec?.controllerManager, v1beta4),
    scheduler: component(spec?.scheduler, v1beta4),
    dns: compact({ imageRepository: spec?.dns?.imageRepository, imageTag: spec?.dns?.imageTag }),
    proxy: v1beta4 ? {} : undefined,
    certificatesDir: spec?.certificatesDir,
    imageRepository: spec?.imageRepository,
    featureGates:
      spec?.featureGates && Object.keys(spec.featureGates).length > 0 ? { ...spec.featureGates } : undefined,
    clusterName: nonEmptyString(data.clusterName),
    encryptionAlgorithm: v1beta4 ? spec?.encryptionAlgorithm : undefined,
    certificateValidityPeriod:
      v1beta4 && spec?.certificateValidityPeriodDays !== undefined
        ? goDurationOfDays(spec.certificateValidityPeriodDays)
        : undefined,
    caCertificateValidityPeriod:
      v1beta4 && spec?.caCertificateValidityPeriodDays !== undefined
        ? goDurationOfDays(spec.caCertificateValidityPeriodDays)
        : undefined,
  });
}
