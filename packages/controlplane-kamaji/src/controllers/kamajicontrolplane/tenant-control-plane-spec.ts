import type { Cluster, ObjectMeta } from '@capi-ts/sdk';
import type { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';
import type { TenantControlPlane } from '../../kamaji/tenant-control-plane.js';

type TcpSpec = TenantControlPlane['spec'];
type Deployment = NonNullable<TcpSpec['controlPlane']['deployment']>;
type NetworkProfile = NonNullable<TcpSpec['networkProfile']>;
type KcpSpec = KamajiControlPlane['spec'];

/** Annotation naming the key of Kamaji's admin kubeconfig Secret to copy into `<cluster>-kubeconfig`. */
export const KUBECONFIG_SECRET_KEY_ANNOTATION = 'kamaji.clastix.io/kubeconfig-secret-key';
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** A spec the provider cannot turn into a TenantControlPlane; reported as a condition, never retried blindly. */
export class UnsupportedSpecError extends Error {
  override readonly name = 'UnsupportedSpecError';
}

/** Kamaji wants `v1.33.0`; Cluster API manifests often say `1.33.0`. */
export function kubernetesVersion(version: string): string {
  return version.startsWith('v') ? version : `v${version}`;
}

/** `host` of `host:port` (IPv6 in brackets allowed); the input when it has no port. */
export function stripPort(hostname: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostname);
  if (bracketed?.[1]) return bracketed[1];
  const colons = hostname.split(':').length - 1;
  return colons === 1 ? (hostname.split(':')[0] ?? hostname) : hostname;
}

/** Whether a certificate SAN is written as `host:port`, which Kamaji cannot put in a certificate. */
function hasPort(san: string): boolean {
  return /^\[[^\]]+\]:\d+$/.test(san) || /^[^:]+:\d+$/.test(san);
}

function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function nonEmpty<T extends Record<string, unknown>>(object: T): Partial<T> | undefined {
  const out = defined(object);
  return Object.keys(out).length > 0 ? out : undefined;
}

function metadataOf(labels?: Record<string, string>, annotations?: Record<string, string>) {
  return nonEmpty({ labels, annotations });
}

/** `spec.controlPlane.deployment` from the KCP's deployment, component and registry settings. */
function deploymentOf(spec: KcpSpec): Deployment {
  const deployment = spec.deployment ?? {};
  const { apiServer, controllerManager, scheduler, kine } = spec;
  const probes = nonEmpty({
    ...(deployment.probes ?? {}),
    apiServer: apiServer?.probes,
    controllerManager: controllerManager?.probes,
    scheduler: scheduler?.probes,
  });
  return defined({
    replicas: spec.replicas,
    registrySettings: defined({
      registry: spec.registry,
      apiServerImage: apiServer?.containerImageName ?? 'kube-apiserver',
      controllerManagerImage: controllerManager?.containerImageName ?? 'kube-controller-manager',
      schedulerImage: scheduler?.containerImageName ?? 'kube-scheduler',
    }),
    serviceAccountName: deployment.serviceAccountName ?? 'default',
    strategy: deployment.strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: 0 } },
    nodeSelector: deployment.nodeSelector,
    runtimeClassName: deployment.runtimeClassName,
    additionalMetadata: deployment.additionalMetadata,
    podAdditionalMetadata: deployment.podAdditionalMetadata,
    affinity: deployment.affinity,
    tolerations: deployment.tolerations,
    topologySpreadConstraints: deployment.topologySpreadConstraints,
    additionalInitContainers: deployment.extraInitContainers,
    additionalContainers: deployment.extraContainers,
    additionalVolumes: deployment.extraVolumes,
    additionalVolumeMounts: nonEmpty({
      apiServer: apiServer?.extraVolumeMounts,
      controllerManager: controllerManager?.extraVolumeMounts,
      scheduler: scheduler?.extraVolumeMounts,
    }),
    extraArgs: nonEmpty({
      apiServer: apiServer?.extraArgs,
      controllerManager: controllerManager?.extraArgs,
      scheduler: scheduler?.extraArgs,
      kine: kine?.extraArgs,
    }),
    resources: nonEmpty({
      apiServer: apiServer?.resources,
      controllerManager: controllerManager?.resources,
      scheduler: scheduler?.resources,
      kine: kine?.resources,
    }),
    probes,
  }) as Deployment;
}

/** The certificate SANs: the KCP's own, plus the ingress or gateway hostname without its port. */
function certSansOf(spec: KcpSpec): string[] | undefined {
  const network = spec.network;
  const sans = [...(network.certSANs ?? [])];
  const invalid = sans.filter(hasPort);
  if (invalid.length > 0) {
    throw new UnsupportedSpecError(
      `spec.network.certSANs must be host names or IP addresses without a port: ${invalid.join(', ')}`,
    );
  }
  for (const hostname of [network.ingress?.hostname, network.gateway?.hostname]) {
    if (hostname && !sans.includes(stripPort(hostname))) sans.push(stripPort(hostname));
  }
  return sans.length > 0 ? sans : undefined;
}

/** `spec.networkProfile` from the KCP network block and the Cluster's `clusterNetwork`. */
function networkProfileOf(spec: KcpSpec, cluster: Cluster): NetworkProfile {
  const network = spec.network;
  const clusterNetwork = cluster.spec.clusterNetwork ?? {};
  const serviceCidrs = clusterNetwork.services?.cidrBlocks ?? [];
  const podCidrs = clusterNetwork.pods?.cidrBlocks ?? [];
  const dnsServiceIPs = spec.addons?.coreDNS ? spec.addons.coreDNS.dnsServiceIPs : network.dnsServiceIPs;
  return defined({
    address: network.serviceAddress || undefined,
    advertiseAddress: network.advertiseAddress || undefined,
    port: clusterNetwork.apiServerPort || undefined,
    certSANs: certSansOf(spec),
    clusterDomain: clusterNetwork.serviceDomain || undefined,
    serviceCidrs: serviceCidrs.length > 0 ? serviceCidrs : undefined,
    podCidrs: podCidrs.length > 0 ? podCidrs : undefined,
    dnsServiceIPs,
    loadBalancerSourceRanges: network.loadBalancerConfig?.loadBalancerSourceRanges,
    loadBalancerClass: network.loadBalancerConfig?.loadBalancerClass,
  }) as NetworkProfile;
}

/** `spec.controlPlane` without the deployment: Service, Ingress or Gateway. */
function exposureOf(spec: KcpSpec): Omit<TcpSpec['controlPlane'], 'deployment'> {
  const network = spec.network;
  const ingress = network.ingress;
  const gateway = network.gateway;
  return defined({
    service: defined({
      serviceType: network.serviceType,
      additionalMetadata: metadataOf(network.serviceLabels, network.serviceAnnotations),
      additionalPorts: network.additionalServicePorts,
    }) as TcpSpec['controlPlane']['service'],
    ingress: ingress
      ? defined({
          hostname: ingress.hostname,
          ingressClassName: ingress.className,
          additionalMetadata: metadataOf(ingress.extraLabels, ingress.extraAnnotations),
        })
      : undefined,
    gateway: gateway
      ? defined({
          hostname: stripPort(gateway.hostname),
          parentRefs: [
            defined({
              group: GATEWAY_API_GROUP,
              kind: 'Gateway',
              name: gateway.name,
              namespace: gateway.namespace,
              sectionName: gateway.sectionName,
              port: gateway.port,
            }) as { name: string; group: string; kind: string },
          ],
          additionalMetadata: metadataOf(gateway.extraLabels, gateway.extraAnnotations),
        })
      : undefined,
  }) as Omit<TcpSpec['controlPlane'], 'deployment'>;
}

/** `spec.addons` without CoreDNS's `dnsServiceIPs`, which go to the network profile. */
function addonsOf(spec: KcpSpec): TcpSpec['addons'] {
  const addons = spec.addons;
  if (!addons) return undefined;
  const coreDNS = addons.coreDNS ? defined({ ...addons.coreDNS, dnsServiceIPs: undefined }) : undefined;
  return nonEmpty({ coreDNS, konnectivity: addons.konnectivity, kubeProxy: addons.kubeProxy }) as TcpSpec['addons'];
}

/**
 * The TenantControlPlane spec for a KamajiControlPlane in a Cluster: the field mapping of the upstream provider
 * (version with a `v` prefix, replicas, datastore, components, network, addons, deployment), with the Cluster's
 * API server port, service domain and every pod and service CIDR (dual-stack). Throws
 * {@link UnsupportedSpecError} for specs Kamaji cannot serve.
 */
export function tenantControlPlaneSpec(kcp: KamajiControlPlane, cluster: Cluster): TcpSpec {
  const spec = kcp.spec;
  return defined({
    dataStore: spec.dataStoreName || undefined,
    dataStoreSchema: spec.dataStoreSchema || undefined,
    dataStoreUsername: spec.dataStoreUsername || undefined,
    dataStoreOverrides: spec.dataStoreOverrides,
    controlPlane: { ...exposureOf(spec), deployment: deploymentOf(spec) },
    kubernetes: defined({
      version: kubernetesVersion(spec.version),
      kubelet: spec.kubelet,
      admissionControllers: spec.admissionControllers,
    }) as TcpSpec['kubernetes'],
    networkProfile: networkProfileOf(spec, cluster),
    addons: addonsOf(spec),
  }) as TcpSpec;
}

/**
 * Labels and annotations of the TenantControlPlane: labels are the KCP's; annotations are merged with the KCP's
 * (except kubectl's last-applied configuration), and the kubeconfig-secret-key annotation follows the KCP's,
 * removed when the KCP has none.
 */
export function tenantControlPlaneMetadata(
  kcp: KamajiControlPlane,
  current: ObjectMeta | undefined,
): Pick<ObjectMeta, 'labels' | 'annotations'> {
  const annotations: Record<string, string> = { ...(current?.annotations ?? {}) };
  for (const [key, value] of Object.entries(kcp.metadata.annotations ?? {})) {
    if (key !== LAST_APPLIED_ANNOTATION) annotations[key] = value;
  }
  if (kcp.metadata.annotations?.[KUBECONFIG_SECRET_KEY_ANNOTATION] === undefined) {
    delete annotations[KUBECONFIG_SECRET_KEY_ANNOTATION];
  }
  return defined({
    labels: kcp.metadata.labels ? { ...kcp.metadata.labels } : undefined,
    annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
  });
}
